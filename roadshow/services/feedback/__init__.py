"""Young people's feedback: intake of answers, the held review, moderation, safeguarding, retention, demo,
and its languages' reviews."""
