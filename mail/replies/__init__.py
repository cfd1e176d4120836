"""Calendar replies (iTIP METHOD:REPLY) read from the sender mailbox."""
