import os
from typing import Any, Iterable, List, Optional, TypedDict, Union

__version__: str

class Error(Exception): ...
class ConfigError(Error, ValueError): ...
class KeyError_(ConfigError): ...
class PolicyError(Error): ...

class Finding:
    kind: str
    start: int
    end: int
    char_start: int
    char_end: int
    line: int
    confidence: float
    detail: Optional[str]
    value: Optional[Union[str, bytes]]
    def to_dict(self) -> dict: ...

class CheckResult(TypedDict):
    kind: Optional[str]
    facts: List[str]

def check(value: Union[str, bytes]) -> CheckResult: ...
def kinds() -> List[str]: ...

_Text = Union[str, bytes]

class Engine:
    def __init__(
        self,
        kinds: Optional[Union[str, Iterable[str]]] = None,
        exclude_kinds: Optional[Union[str, Iterable[str]]] = None,
        policy: str = "mask",
        config: Optional[Union[str, os.PathLike[str]]] = None,
        key: Optional[Union[bytes, str]] = None,
        key_file: Optional[Union[str, os.PathLike[str]]] = None,
        column_hints: bool = True,
        threads: Optional[int] = None,
    ) -> None: ...
    @property
    def kinds(self) -> List[str]: ...
    @property
    def threads(self) -> int: ...
    def scan(
        self, text: _Text, values: bool = False, column: Optional[str] = None, table: Optional[str] = None
    ) -> List[Finding]: ...
    def redact(self, text: _Text, column: Optional[str] = None, table: Optional[str] = None) -> _Text: ...
    def detokenize(self, text: _Text) -> _Text: ...
    def redact_arrow(
        self, array: Any, column: Optional[str] = None, table: Optional[str] = None, cast_numeric: bool = False
    ) -> Any: ...
    def scan_arrow(self, array: Any, column: Optional[str] = None, table: Optional[str] = None) -> Any: ...
    def detokenize_arrow(self, array: Any, column: Optional[str] = None) -> Any: ...
    def redact_table(
        self,
        table: Any,
        columns: Optional[Iterable[str]] = None,
        table_name: Optional[str] = None,
        cast_numeric: bool = False,
    ) -> Any: ...
