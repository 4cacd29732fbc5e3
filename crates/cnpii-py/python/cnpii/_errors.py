"""The exceptions of cnpii: one hierarchy, messages exactly the library's (never a value or a key)."""


class Error(Exception):
    """Base class of every error cnpii raises."""


class ConfigError(Error, ValueError):
    """An invalid engine or policy configuration: an unknown kind or policy, a bad config,
    a keyed policy without a key. Raised when the Engine is built, never half-way through a batch."""


class KeyError_(ConfigError):
    """The key could not be read or is not acceptable (too short, too few distinct bytes)."""


class PolicyError(Error):
    """A policy could not rewrite a finding (names the policy, kind and offset, never the value)."""
