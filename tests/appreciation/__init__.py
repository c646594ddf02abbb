"""A test workflow, not shipped: an appreciation is sent, then acknowledged or let be."""
