"""The pure domain: entities, values, events and workflow rules. No I/O lives here."""
