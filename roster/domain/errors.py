"""The one error type the domain raises: a message a coordinator can act on."""


class DomainError(ValueError):
    """A record breaks a domain rule; the message names the record and the field."""

    def __init__(self, record: str, field: str, message: str):
        self.record = record
        self.field = field
        super().__init__(f"{record}: {field}: {message}")


class NotFound(DomainError):
    """A record names another that does not exist (no such carer, client, package or visit)."""


class Duplicate(DomainError):
    """The same thing recorded twice (the same sickness, the same UCR call); nothing written."""


def require(condition: bool, record: str, field: str, message: str) -> None:
    """Raise DomainError(record, field, message) unless condition holds."""
    if not condition:
        raise DomainError(record, field, message)
