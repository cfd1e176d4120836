"""Words shown only in Slack (shared ones live in bot.text)."""

HELP = (
    "*Ospite* invites people from outside the company to your meetings.\n"
    "• `/event new` — create an event and invite guests by email\n"
    "• `/event list` — your upcoming events and who has answered\n"
    "• `/event setup` — the mailbox invitations are sent from (workspace admins)\n"
    "• `/event help` — this message"
)
NO_EVENTS = "You have no upcoming events. Create one with `/event new`."
MAIL_ADMINS_ONLY = ("Invitations need a sender mailbox first, and only a workspace admin or "
                    "owner can set it up. Please ask {admins} to run `/event setup`.")
MAIL_SAVED = "The sender mailbox is set up: invitations will go out from {email}."
SMTP_FAILED = "Could not log in to this SMTP server: {reason}"
IMAP_FAILED = "Could not log in to this IMAP server: {reason}"
CREATED = "Your event *{title}* is saved; invitations are on their way."
SAVE_FAILED = "Your event could not be saved: {reason}"
NOT_YOURS = "Only the organizer can change this event."
CANCELLED = "The event *{title}* is cancelled; every guest gets a cancellation."
DELIVERY_FAILED = "The invitation to {email} for *{title}* could not be delivered: {error}"
COLLEAGUE_INVITED = "{organizer} invites you to *{title}* — {when}{where}."
YOUR_ANSWER = "You answered: {answer}."
ANSWER_LABELS = {"accepted": "✅ accepted", "declined": "❌ declined",
                 "tentative": "❔ maybe", "awaiting": "⏳ awaiting"}
