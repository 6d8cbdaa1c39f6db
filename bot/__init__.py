"""Channel-neutral messages, the message pipeline and the channel port."""
