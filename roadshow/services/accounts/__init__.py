"""Staff accounts: users and roles, passwords, two-factor, sign-in delays, invite and reset links."""
