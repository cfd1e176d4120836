"""Mail: iCalendar, MIME composition, the outbox sender (SMTP) and the reply reader (IMAP)."""
