"""The one error type the domain raises: a message a coordinator can act on."""


class DomainError(ValueError):
    """A record breaks a domain rule; the message names the record and the field."""

    def __init__(self, record: str, field: str, message: str):
        self.record = record
        self.field = field
        super().__init__(f"{record}: {field}: {message}")


def require(condition: bool, record: str, field: str, message: str) -> None:
    """Raise DomainError(record, field, message) unless condition holds."""
    if not condition:
        raise DomainError(record, field, message)
