"""The CSV the office downloads: one row per application, safe to open in a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from roadshow.constants import DISTRICT_NAMES
from roadshow.models.volunteer import VolunteerApplication
from roadshow.services.volunteers.status import REASON_LABELS
from roadshow.timeutil import format_date

HEADER = (
    "Reference",
    "Received",
    "Group",
    "Status",
    "Reason not proceeding",
    "First name",
    "Age",
    "District",
    "Email",
    "Phone",
    "Contact by",
    "Parent or carer",
    "Parent or carer email",
    "Parent or carer phone",
    "Parent or carer agreed",
    "Access needs",
    "Why they would like to join",
)


def csv_rows(applications: Iterable[VolunteerApplication]) -> Iterator[list[str]]:
    yield list(HEADER)
    for a in applications:
        yield list(
            (
                a.reference,
                format_date(a.created_at),
                a.group_label,
                a.status_label,
                REASON_LABELS.get(a.not_proceeding_reason, ""),
                a.first_name,
                a.age,
                DISTRICT_NAMES.get(a.district, a.district),
                a.email,
                a.phone,
                a.contact_by,
                a.guardian_name,
                a.guardian_email,
                a.guardian_phone,
                ("yes" if a.guardian_agreed else "no") if a.has_guardian else "",
                a.access_needs,
                a.why_join,
            )
        )
