"""The parts of :class:`pos_client.service.LoyaltyService`, one concern each (see that module)."""
