"""Adapters for the ports: storages and the serialization they share."""
