"""Slack front end: Bolt listeners, Block Kit views and the Slack notifier."""
