"""Every model, imported so the metadata (and Alembic) sees all tables."""

from roadshow.models.audit import AuditEntry
from roadshow.models.booking import *  # noqa: F403
from roadshow.models.feedback import Comment, FeedbackAnswer, FeedbackResponse, SubmissionToken
from roadshow.models.languages import LanguageReview
from roadshow.models.mail import OutboundEmail
from roadshow.models.news import *  # noqa: F403
from roadshow.models.reports import *  # noqa: F403
from roadshow.models.safeguarding import SafeguardingAction
from roadshow.models.scheduling import RoadshowSession, session_facilitators
from roadshow.models.subscriber import *  # noqa: F403
from roadshow.models.user import AccountToken, LoginThrottle, RecoveryCode, Role, User
from roadshow.models.volunteer import *  # noqa: F403
from roadshow.models.yousaid import *  # noqa: F403

__all__ = [
    "AccountToken",
    "AuditEntry",
    "Comment",
    "FeedbackAnswer",
    "FeedbackResponse",
    "LanguageReview",
    "LoginThrottle",
    "OutboundEmail",
    "RecoveryCode",
    "RoadshowSession",
    "Role",
    "SafeguardingAction",
    "SubmissionToken",
    "User",
    "session_facilitators",
]
