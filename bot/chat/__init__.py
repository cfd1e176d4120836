"""What the chat shows, built once: views, the outbox router for chat notices, the card writer.

Each front end renders the views (Block Kit, Telegram text and keyboards, HTML) and sends
them; none of them decides what a message says.
"""
