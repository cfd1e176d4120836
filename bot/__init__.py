"""Ospite: invite guests from outside the company to meetings, from the chat."""
