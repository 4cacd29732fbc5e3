//! `cnpii._cnpii`: the Python bindings of the cnpii library, wrapped by the pure-Python
//! package in `python/cnpii/`.
//!
//! Thin translations only (STYLE.md, "Front ends"): arguments become the library's
//! [`cnpii::Config`], [`cnpii::PolicyConfig`] and [`cnpii::Key`], built once in
//! `Engine::new` exactly as the CLI builds them; values and Arrow arrays go through
//! [`cnpii::Values`], the library's in-memory door to the same pipeline steps as a file.
//! Arrow arrays come in and go out through the Arrow PyCapsule interface (`pyo3-arrow`),
//! never as Python objects per row; the GIL is released around every engine call, and a
//! large batch is split over the engine's threads. Every error becomes an exception of the
//! `cnpii.Error` hierarchy (defined in `python/cnpii/_errors.py`) with the library's message;
//! no message holds a value or the key.

use arrow_array::builder::{BinaryViewBuilder, StringViewBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    ByteArrayType, ByteViewType, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, Float32Array, GenericByteArray, GenericByteViewArray, Int64Array, ListArray,
    OffsetSizeTrait, PrimitiveArray, StringArray, StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{ArrowError, DataType, Field, Fields};
use cnpii::{Config, Finding, Key, Kind, PolicyConfig, PolicySet, Values};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyType};
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::{PyArray, PyChunkedArray};
use std::sync::Arc;

// ---------------------------------------------------------------------------------------
// Errors

/// The exception classes of `cnpii._errors`, looked up once.
fn exception<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyType>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module = MODULE.get_or_try_init(py, || py.import("cnpii._errors").map(Bound::unbind))?;
    Ok(module.bind(py).getattr(name)?.cast_into::<PyType>()?)
}

/// A Python exception of class `name` (in `cnpii._errors`) with `msg`.
fn raise(py: Python<'_>, name: &str, msg: impl Into<String>) -> PyErr {
    match exception(py, name) {
        Ok(cls) => PyErr::from_type(cls, msg.into()),
        Err(e) => e,
    }
}

/// A library error as an exception: configuration errors are `ConfigError` (also a
/// `ValueError`), policy failures on a value `PolicyError`, anything else `cnpii.Error`.
fn lib_err(py: Python<'_>, e: &cnpii::Error) -> PyErr {
    let class = match e.kind() {
        cnpii::ErrorKind::Config(_) => "ConfigError",
        cnpii::ErrorKind::Policy { .. } => "PolicyError",
        _ => "Error",
    };
    raise(py, class, e.to_string())
}

// ---------------------------------------------------------------------------------------
// Text in, text out

/// A value passed in: `str` (answered with `str`) or bytes-like (answered with `bytes`).
enum Text {
    Str(String),
    Bytes(Vec<u8>),
}

impl Text {
    fn from_py(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Text> {
        if let Ok(s) = obj.cast::<PyString>() {
            // Lone surrogates cannot be UTF-8: they are refused here rather than changed.
            return Ok(Text::Str(s.to_cow()?.into_owned()));
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Text::Bytes(b.as_bytes().to_vec()));
        }
        if let Ok(v) = obj.extract::<Vec<u8>>() {
            if !obj.is_instance_of::<PyList>() {
                return Ok(Text::Bytes(v));
            }
        }
        let ty = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        Err(PyTypeError::new_err(format!("{what} must be str or bytes, not {ty}")))
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Text::Str(s) => s.as_bytes(),
            Text::Bytes(b) => b,
        }
    }

    /// `out` as the same Python type as `self`.
    fn answer(&self, py: Python<'_>, out: Vec<u8>) -> PyResult<Py<PyAny>> {
        match self {
            Text::Str(_) => match String::from_utf8(out) {
                Ok(s) => Ok(PyString::new(py, &s).into_any().unbind()),
                // Policies write UTF-8, and text in was UTF-8: this is a bug, not the caller's.
                Err(_) => Err(raise(py, "Error", "internal error: the output is not UTF-8")),
            },
            Text::Bytes(_) => Ok(PyBytes::new(py, &out).into_any().unbind()),
        }
    }
}

/// A string argument or a list of them, split at commas as the CLI's `--kinds` is.
fn kinds_arg(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<Kind>>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(None) };
    let names: Vec<String> = if let Ok(s) = obj.cast::<PyString>() {
        vec![s.to_cow()?.into_owned()]
    } else {
        obj.try_iter()
            .map_err(|_| PyTypeError::new_err("kinds must be a str or a list of str"))?
            .map(|k| k.and_then(|k| k.extract::<String>()))
            .collect::<PyResult<_>>()
            .map_err(|_| PyTypeError::new_err("kinds must be a str or a list of str"))?
    };
    let mut kinds = Vec::new();
    for name in names.iter().flat_map(|n| n.split(',')).map(str::trim).filter(|n| !n.is_empty()) {
        kinds.push(name.parse::<Kind>().map_err(|e| raise(py, "ConfigError", e.to_string()))?);
    }
    Ok(Some(kinds))
}

// ---------------------------------------------------------------------------------------
// Findings

/// One finding in a value: what it is and where, in bytes and in characters.
#[pyclass(module = "cnpii", frozen, get_all, name = "Finding")]
struct Finding_ {
    /// The kind, as CONTRACT.md names it (`phone`, `id_card`, …).
    kind: &'static str,
    /// Byte offsets into the value's UTF-8 bytes, end exclusive.
    start: u64,
    end: u64,
    /// Character offsets (code points, as Python indexes a `str`), end exclusive.
    char_start: u64,
    char_end: u64,
    /// 1-based line of `start` within the value.
    line: u64,
    /// How sure the detector is, in (0, 1].
    confidence: f32,
    /// Enrichment (an issuing bank, "column hint"); never the value.
    detail: Option<&'static str>,
    /// The value itself, only when asked for (`values=True`).
    value: Option<Py<PyAny>>,
}

#[pymethods]
impl Finding_ {
    fn __repr__(&self) -> String {
        format!(
            "Finding(kind={:?}, start={}, end={}, char_start={}, char_end={}, confidence={})",
            self.kind, self.start, self.end, self.char_start, self.char_end, self.confidence
        )
    }

    /// The finding as a dict (without `value` unless it was asked for).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("kind", self.kind)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("char_start", self.char_start)?;
        d.set_item("char_end", self.char_end)?;
        d.set_item("line", self.line)?;
        d.set_item("confidence", self.confidence)?;
        d.set_item("detail", self.detail)?;
        if let Some(v) = &self.value {
            d.set_item("value", v.bind(py))?;
        }
        Ok(d)
    }
}

/// Counts characters (code points: bytes that do not continue a UTF-8 sequence) before ever
/// later byte offsets of one value, so that a value's findings cost one pass over it.
#[derive(Default)]
struct Chars {
    at: usize,
    count: u64,
}

impl Chars {
    fn upto(&mut self, bytes: &[u8], to: usize) -> u64 {
        if to < self.at {
            *self = Chars::default();
        }
        self.count += bytes[self.at..to].iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64;
        self.at = to;
        self.count
    }
}

// ---------------------------------------------------------------------------------------
// The engine

/// A compiled engine and its policies, built once; shared by every call and thread.
#[pyclass(module = "cnpii", frozen, name = "_Engine")]
struct Engine {
    engine: cnpii::Engine,
    policies: PolicySet,
    /// The inverse of the tokenize policies, when the policy tokenises and a key was given.
    detokenize: Option<PolicySet>,
    /// For `repr`: the policy's name, or where the config came from. Never the key.
    policy_name: String,
}

#[pymethods]
impl Engine {
    #[new]
    #[pyo3(signature = (kinds=None, exclude_kinds=None, policy="mask", config=None,
                        config_origin=None, key=None, key_file=None, column_hints=true,
                        threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        kinds: Option<&Bound<'_, PyAny>>,
        exclude_kinds: Option<&Bound<'_, PyAny>>,
        policy: &str,
        config: Option<&str>,
        config_origin: Option<&str>,
        key: Option<&Bound<'_, PyAny>>,
        key_file: Option<std::path::PathBuf>,
        column_hints: bool,
        threads: Option<usize>,
    ) -> PyResult<Engine> {
        let cfg = Config {
            kinds: kinds_arg(py, kinds)?,
            exclude_kinds: kinds_arg(py, exclude_kinds)?.unwrap_or_default(),
            chunk_size: None,
            threads,
            column_hints: Some(column_hints),
        };
        let engine = cnpii::Engine::build(&cfg).map_err(|e| lib_err(py, &e))?;
        let (pconfig, policy_name) = match config {
            Some(text) => {
                let origin = config_origin.unwrap_or("policy config");
                (
                    PolicyConfig::from_toml(text, origin).map_err(|e| lib_err(py, &e))?,
                    origin.to_string(),
                )
            }
            None => (
                PolicyConfig::preset(policy).ok_or_else(|| {
                    raise(
                        py,
                        "ConfigError",
                        format!(
                            "unknown policy {policy:?} (known: {})",
                            PolicyConfig::preset_names().join(", ")
                        ),
                    )
                })?,
                policy.to_string(),
            ),
        };
        // The key: `key`, else `key_file`, else CNPII_KEY, as the CLI.
        let key: Option<Key> = match (key, key_file) {
            (Some(k), _) if !k.is_none() => {
                let bytes: Vec<u8> = if let Ok(s) = k.cast::<PyString>() {
                    s.to_cow()?.as_bytes().to_vec()
                } else if let Ok(b) = k.cast::<PyBytes>() {
                    b.as_bytes().to_vec()
                } else {
                    return Err(PyTypeError::new_err("key must be bytes or str"));
                };
                Some(Key::from_bytes(&bytes).map_err(|e| raise(py, "KeyError_", e.to_string()))?)
            }
            (_, Some(path)) => {
                Some(Key::from_file(&path).map_err(|e| raise(py, "KeyError_", e.to_string()))?)
            }
            _ => Key::from_env().map_err(|e| raise(py, "KeyError_", e.to_string()))?,
        };
        let opts = cnpii::BuildOptions { key: key.as_ref(), record_tokens: None };
        let policies = PolicySet::build(&pconfig, &opts).map_err(|e| lib_err(py, &e))?;
        let detokenize = match &key {
            Some(k) if policies.uses_tokenize() => {
                Some(PolicySet::detokenize(&pconfig, k, None).map_err(|e| lib_err(py, &e))?)
            }
            _ => None,
        };
        Ok(Engine { engine, policies, detokenize, policy_name })
    }

    fn __repr__(&self) -> String {
        let kinds: Vec<&str> = self.engine.kinds().iter().map(Kind::as_str).collect();
        format!(
            "cnpii.Engine(kinds=[{}], policy={:?}, threads={}, column_hints={})",
            kinds.join(", "),
            self.policy_name,
            self.engine.threads(),
            if self.engine.column_hints() { "True" } else { "False" }
        )
    }

    /// An engine holds key-derived material: it is never pickled.
    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "cnpii.Engine cannot be pickled (it holds key material); build one where it is \
             used, as cnpii.spark does on each worker",
        ))
    }

    /// The kinds this engine detects.
    #[getter]
    fn kinds(&self) -> Vec<&'static str> {
        self.engine.kinds().iter().map(Kind::as_str).collect()
    }

    /// Worker threads for large Arrow batches.
    #[getter]
    fn threads(&self) -> usize {
        self.engine.threads()
    }

    #[pyo3(signature = (text, values=false, column=None, table=None))]
    fn scan(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        values: bool,
        column: Option<&str>,
        table: Option<&str>,
    ) -> PyResult<Vec<Finding_>> {
        let t = Text::from_py(text, "text")?;
        let mut v = Values::new(&self.engine, &self.policies, table.unwrap_or("-"), column);
        let found: Vec<Finding> = py
            .detach(|| v.scan(t.bytes()).map(<[Finding]>::to_vec))
            .map_err(|e| lib_err(py, &e))?;
        let bytes = t.bytes();
        let mut counted = Chars::default();
        found
            .iter()
            .map(|f| {
                let (s, e) = (f.span.start as usize, f.span.end as usize);
                let value = if values {
                    let slice = &bytes[s..e];
                    Some(match &t {
                        Text::Str(_) => {
                            PyString::new(py, &String::from_utf8_lossy(slice)).into_any().unbind()
                        }
                        Text::Bytes(_) => PyBytes::new(py, slice).into_any().unbind(),
                    })
                } else {
                    None
                };
                Ok(Finding_ {
                    kind: f.kind.as_str(),
                    start: f.span.start,
                    end: f.span.end,
                    char_start: counted.upto(bytes, s),
                    char_end: counted.upto(bytes, e),
                    line: f.line,
                    confidence: f.confidence,
                    detail: f.detail,
                    value,
                })
            })
            .collect()
    }

    #[pyo3(signature = (text, column=None, table=None))]
    fn redact(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        column: Option<&str>,
        table: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        let t = Text::from_py(text, "text")?;
        let mut v = Values::new(&self.engine, &self.policies, table.unwrap_or("-"), column);
        let mut out = Vec::with_capacity(t.bytes().len() + 16);
        py.detach(|| v.redact(t.bytes(), &mut out)).map_err(|e| lib_err(py, &e))?;
        t.answer(py, out)
    }

    fn detokenize(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let t = Text::from_py(text, "text")?;
        let policies = self.detokenizer(py)?;
        let mut v = Values::new(&self.engine, policies, "-", None);
        let mut out = Vec::with_capacity(t.bytes().len());
        py.detach(|| v.redact(t.bytes(), &mut out)).map_err(|e| lib_err(py, &e))?;
        t.answer(py, out)
    }

    /// Redacts an Arrow string or binary array (anything with `__arrow_c_array__` or
    /// `__arrow_c_stream__`); returns an `arro3` array or chunked array of the same type,
    /// which `cnpii.Engine.redact_arrow` turns back into the caller's library.
    #[pyo3(signature = (array, column=None, table=None, detokenize=false))]
    fn _redact_arrow<'py>(
        &self,
        py: Python<'py>,
        array: AnyArray,
        column: Option<&str>,
        table: Option<&str>,
        detokenize: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let policies = if detokenize { self.detokenizer(py)? } else { &self.policies };
        let values = Values::new(&self.engine, policies, table.unwrap_or("-"), column);
        let threads = self.engine.threads();
        map_arrays(py, array, |a| redact_array(&values, threads, a))
    }

    /// Scans an Arrow string or binary array; returns a list<struct> array of findings per
    /// row (null for a null row).
    #[pyo3(signature = (array, column=None, table=None))]
    fn _scan_arrow<'py>(
        &self,
        py: Python<'py>,
        array: AnyArray,
        column: Option<&str>,
        table: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let values = Values::new(&self.engine, &self.policies, table.unwrap_or("-"), column);
        let threads = self.engine.threads();
        map_arrays(py, array, |a| scan_array(&values, threads, a))
    }
}

impl Engine {
    fn detokenizer(&self, py: Python<'_>) -> PyResult<&PolicySet> {
        self.detokenize.as_ref().ok_or_else(|| {
            raise(
                py,
                "ConfigError",
                if self.policies.uses_tokenize() {
                    "detokenize needs the key the tokens were made with"
                } else {
                    "the policy config tokenises no kind: nothing to detokenize"
                },
            )
        })
    }
}

// ---------------------------------------------------------------------------------------
// Arrow

/// Why an Arrow call failed, outside the GIL.
enum Fail {
    Lib(cnpii::Error),
    Type(String),
    Arrow(ArrowError),
}

impl Fail {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Fail::Lib(e) => lib_err(py, &e),
            Fail::Type(m) => PyTypeError::new_err(m),
            Fail::Arrow(e) => raise(py, "Error", format!("Arrow: {e}")),
        }
    }
}

/// Applies `f` to each chunk of `array` with the GIL released; a single array in gives an
/// array out, a stream (a chunked array, a Polars series) a chunked array.
fn map_arrays<'py>(
    py: Python<'py>,
    array: AnyArray,
    f: impl Fn(&ArrayRef) -> Result<ArrayRef, Fail> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    match array {
        AnyArray::Array(a) => {
            let (a, _) = a.into_inner();
            let out = py.detach(|| f(&a)).map_err(|e| e.into_py(py))?;
            PyArray::from_array_ref(out).into_pyobject(py).map(Bound::into_any)
        }
        AnyArray::Stream(s) => {
            let chunked = AnyArray::Stream(s).into_chunked_array()?;
            let (chunks, _) = chunked.into_inner();
            let out = py
                .detach(|| chunks.iter().map(&f).collect::<Result<Vec<_>, Fail>>())
                .map_err(|e| e.into_py(py))?;
            let field = match out.first() {
                Some(a) => Arc::new(Field::new("", a.data_type().clone(), true)),
                None => Arc::new(Field::new("", DataType::Utf8, true)),
            };
            PyChunkedArray::try_new(out, field)?.into_pyobject(py).map(Bound::into_any)
        }
    }
}

/// Rows of a string or binary array as bytes (`None` for a null row).
trait Rows: Sync {
    fn len(&self) -> usize;
    fn row(&self, i: usize) -> Option<&[u8]>;
}

impl<T: ByteArrayType> Rows for GenericByteArray<T> {
    fn len(&self) -> usize {
        Array::len(self)
    }
    fn row(&self, i: usize) -> Option<&[u8]> {
        self.is_valid(i).then(|| self.value(i).as_ref())
    }
}

impl<T: ByteViewType + ?Sized> Rows for GenericByteViewArray<T> {
    fn len(&self) -> usize {
        Array::len(self)
    }
    fn row(&self, i: usize) -> Option<&[u8]> {
        self.is_valid(i).then(|| self.value(i).as_ref())
    }
}

/// Rows of an integer array as their decimal text.
struct IntRows {
    text: Vec<u8>,
    ends: Vec<usize>,
    nulls: Option<NullBuffer>,
}

impl Rows for IntRows {
    fn len(&self) -> usize {
        self.ends.len()
    }
    fn row(&self, i: usize) -> Option<&[u8]> {
        if self.nulls.as_ref().is_some_and(|n| n.is_null(i)) {
            return None;
        }
        let s = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[s..self.ends[i]])
    }
}

/// Batches smaller than this many bytes are not worth a thread.
const PARALLEL_MIN_BYTES: usize = 256 << 10;

/// Runs `each(values, row, out)` over every row, on up to `threads` threads over contiguous
/// ranges of rows; returns per range the outputs and what `each` collected, in row order.
fn over_rows<R: Rows + ?Sized, T: Send>(
    values: &Values,
    threads: usize,
    rows: &R,
    bytes: usize,
    each: impl Fn(&mut Values, Option<&[u8]>, &mut T) -> Result<(), cnpii::Error> + Sync,
    init: impl Fn() -> T + Sync,
) -> Result<Vec<T>, cnpii::Error> {
    let n = rows.len();
    let parts = if bytes < PARALLEL_MIN_BYTES { 1 } else { threads.clamp(1, n.max(1)) };
    let run = |range: std::ops::Range<usize>| -> Result<T, cnpii::Error> {
        let mut v = values.clone();
        let mut acc = init();
        for i in range {
            each(&mut v, rows.row(i), &mut acc)?;
        }
        Ok(acc)
    };
    if parts <= 1 {
        return Ok(vec![run(0..n)?]);
    }
    let per = n.div_ceil(parts);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..parts)
            .map(|p| {
                let range = (p * per).min(n)..((p + 1) * per).min(n);
                s.spawn(move || run(range))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(cnpii::Error::from(internal()))))
            .collect()
    })
}

fn internal() -> std::io::Error {
    std::io::Error::other("internal error: a worker thread panicked; please report it")
}

/// Redacted rows: their bytes, one after the other, and where each ends.
#[derive(Default)]
struct Out {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

fn redact_rows<R: Rows + ?Sized>(
    values: &Values,
    threads: usize,
    rows: &R,
    bytes: usize,
) -> Result<Out, cnpii::Error> {
    let parts = over_rows(
        values,
        threads,
        rows,
        bytes,
        |v, row, out: &mut Out| {
            if let Some(row) = row {
                v.redact(row, &mut out.bytes)?;
            }
            out.ends.push(out.bytes.len());
            Ok(())
        },
        Out::default,
    )?;
    if parts.len() == 1 {
        return Ok(parts.into_iter().next().unwrap_or_default());
    }
    let mut all = Out::default();
    for p in parts {
        let base = all.bytes.len();
        all.bytes.extend_from_slice(&p.bytes);
        all.ends.extend(p.ends.iter().map(|e| e + base));
    }
    Ok(all)
}

fn offsets<O: OffsetSizeTrait>(ends: &[usize]) -> Result<OffsetBuffer<O>, Fail> {
    let mut v = Vec::with_capacity(ends.len() + 1);
    v.push(O::usize_as(0));
    for &e in ends {
        v.push(O::from_usize(e).ok_or_else(|| {
            Fail::Type("the redacted column is too large for its Arrow type".into())
        })?);
    }
    Ok(OffsetBuffer::new(ScalarBuffer::from(v)))
}

/// The redacted rows of a string or binary array with offsets, as an array of its type
/// (`try_new` checks that a string array's output is UTF-8).
fn redact_offsets<T: ByteArrayType>(
    values: &Values,
    threads: usize,
    a: &GenericByteArray<T>,
    nulls: Option<NullBuffer>,
    bytes: usize,
) -> Result<ArrayRef, Fail> {
    let o = redact_rows(values, threads, a, bytes).map_err(Fail::Lib)?;
    let out = GenericByteArray::<T>::try_new(offsets(&o.ends)?, o.bytes.into(), nulls)
        .map_err(Fail::Arrow)?;
    Ok(Arc::new(out))
}

/// The redacted array, of the input's type (integers: see [`redact_ints`]).
fn redact_array(values: &Values, threads: usize, a: &ArrayRef) -> Result<ArrayRef, Fail> {
    let nulls = a.logical_nulls();
    let bytes = a.get_buffer_memory_size();
    let lib = Fail::Lib;
    Ok(match a.data_type() {
        DataType::Utf8 => redact_offsets(values, threads, a.as_string::<i32>(), nulls, bytes)?,
        DataType::LargeUtf8 => redact_offsets(values, threads, a.as_string::<i64>(), nulls, bytes)?,
        DataType::Binary => redact_offsets(values, threads, a.as_binary::<i32>(), nulls, bytes)?,
        DataType::LargeBinary => {
            redact_offsets(values, threads, a.as_binary::<i64>(), nulls, bytes)?
        }
        DataType::Utf8View => {
            let o = redact_rows(values, threads, a.as_string_view(), bytes).map_err(lib)?;
            let mut b = StringViewBuilder::with_capacity(o.ends.len());
            let mut s = 0;
            for (i, &e) in o.ends.iter().enumerate() {
                if nulls.as_ref().is_some_and(|n| n.is_null(i)) {
                    b.append_null();
                } else {
                    let text = std::str::from_utf8(&o.bytes[s..e])
                        .map_err(|_| Fail::Type("internal error: output not UTF-8".into()))?;
                    b.append_value(text);
                }
                s = e;
            }
            Arc::new(b.finish())
        }
        DataType::BinaryView => {
            let o = redact_rows(values, threads, a.as_binary_view(), bytes).map_err(lib)?;
            let mut b = BinaryViewBuilder::with_capacity(o.ends.len());
            let mut s = 0;
            for (i, &e) in o.ends.iter().enumerate() {
                if nulls.as_ref().is_some_and(|n| n.is_null(i)) {
                    b.append_null();
                } else {
                    b.append_value(&o.bytes[s..e]);
                }
                s = e;
            }
            Arc::new(b.finish())
        }
        DataType::Null => a.clone(),
        t => return redact_ints(values, threads, a, t),
    })
}

/// The decimal text of each row of an integer array, or `None` for another type.
fn int_rows(a: &ArrayRef) -> Option<IntRows> {
    fn text<T: arrow_array::ArrowPrimitiveType>(a: &PrimitiveArray<T>) -> IntRows
    where
        T::Native: std::fmt::Display,
    {
        use std::io::Write;
        let mut rows = IntRows { text: Vec::new(), ends: Vec::new(), nulls: a.nulls().cloned() };
        for i in 0..a.len() {
            if a.is_valid(i) {
                let _ = write!(rows.text, "{}", a.value(i));
            }
            rows.ends.push(rows.text.len());
        }
        rows
    }
    Some(match a.data_type() {
        DataType::Int8 => text(a.as_primitive::<Int8Type>()),
        DataType::Int16 => text(a.as_primitive::<Int16Type>()),
        DataType::Int32 => text(a.as_primitive::<Int32Type>()),
        DataType::Int64 => text(a.as_primitive::<Int64Type>()),
        DataType::UInt8 => text(a.as_primitive::<UInt8Type>()),
        DataType::UInt16 => text(a.as_primitive::<UInt16Type>()),
        DataType::UInt32 => text(a.as_primitive::<UInt32Type>()),
        DataType::UInt64 => text(a.as_primitive::<UInt64Type>()),
        _ => return None,
    })
}

/// An integer column: scanned as its decimal text. A redaction that is a number again
/// (tokenize, fake, keep) is written back as a number of the same type; one that is not
/// (mask, hash, placeholder) is an error naming the row. The whole column is checked before
/// anything is returned, so a failure never leaves half a column written.
fn redact_ints(
    values: &Values,
    threads: usize,
    a: &ArrayRef,
    t: &DataType,
) -> Result<ArrayRef, Fail> {
    let Some(rows) = int_rows(a) else {
        return Err(Fail::Type(format!(
            "cnpii redacts string, binary and integer arrays, not {t}"
        )));
    };
    let o = redact_rows(values, threads, &rows, rows.text.len()).map_err(Fail::Lib)?;
    let mut texts = Vec::with_capacity(o.ends.len());
    let mut s = 0;
    for &e in &o.ends {
        texts.push(&o.bytes[s..e]);
        s = e;
    }
    let parse = |i: usize| -> Result<Option<i128>, Fail> {
        if rows.nulls.as_ref().is_some_and(|n| n.is_null(i)) {
            return Ok(None);
        }
        std::str::from_utf8(texts[i])
            .ok()
            .and_then(|s| s.parse::<i128>().ok())
            .map(Some)
            .ok_or_else(|| {
                Fail::Type(format!(
                    "row {i}: the policy wrote text into an integer column ({t}); cast the column to \
                     string first, or use a policy that keeps numbers (tokenize, fake)"
                ))
            })
    };
    let nums: Vec<Option<i128>> = (0..texts.len()).map(parse).collect::<Result<_, _>>()?;
    let cast = arrow_cast_ints(&nums, t)?;
    Ok(cast)
}

/// `nums` as an integer array of type `t`; a value out of range is an error.
fn arrow_cast_ints(nums: &[Option<i128>], t: &DataType) -> Result<ArrayRef, Fail> {
    fn build<T: arrow_array::ArrowPrimitiveType>(
        nums: &[Option<i128>],
        t: &DataType,
    ) -> Result<ArrayRef, Fail>
    where
        T::Native: TryFrom<i128>,
    {
        let mut out = Vec::with_capacity(nums.len());
        for (i, n) in nums.iter().enumerate() {
            out.push(match n {
                None => None,
                Some(v) => Some(T::Native::try_from(*v).map_err(|_| {
                    Fail::Type(format!("row {i}: the replacement does not fit a {t} column"))
                })?),
            });
        }
        Ok(Arc::new(out.into_iter().collect::<PrimitiveArray<T>>()))
    }
    match t {
        DataType::Int8 => build::<Int8Type>(nums, t),
        DataType::Int16 => build::<Int16Type>(nums, t),
        DataType::Int32 => build::<Int32Type>(nums, t),
        DataType::Int64 => build::<Int64Type>(nums, t),
        DataType::UInt8 => build::<UInt8Type>(nums, t),
        DataType::UInt16 => build::<UInt16Type>(nums, t),
        DataType::UInt32 => build::<UInt32Type>(nums, t),
        DataType::UInt64 => build::<UInt64Type>(nums, t),
        _ => Err(Fail::Type(format!("not an integer type: {t}"))),
    }
}

/// The struct fields of one finding in `scan_arrow`'s output.
fn finding_fields() -> Fields {
    Fields::from(vec![
        Field::new("kind", DataType::Utf8, false),
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("char_start", DataType::Int64, false),
        Field::new("char_end", DataType::Int64, false),
        Field::new("confidence", DataType::Float32, false),
        Field::new("detail", DataType::Utf8, true),
    ])
}

/// Findings of many rows, column by column.
#[derive(Default)]
struct Found {
    kind: Vec<&'static str>,
    start: Vec<i64>,
    end: Vec<i64>,
    char_start: Vec<i64>,
    char_end: Vec<i64>,
    confidence: Vec<f32>,
    detail: Vec<Option<&'static str>>,
    /// Findings so far after each row.
    ends: Vec<usize>,
}

fn scan_array(values: &Values, threads: usize, a: &ArrayRef) -> Result<ArrayRef, Fail> {
    let nulls = a.logical_nulls();
    let bytes = a.get_buffer_memory_size();
    let ints;
    let rows: &dyn Rows = match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>(),
        DataType::LargeUtf8 => a.as_string::<i64>(),
        DataType::Binary => a.as_binary::<i32>(),
        DataType::LargeBinary => a.as_binary::<i64>(),
        DataType::Utf8View => a.as_string_view(),
        DataType::BinaryView => a.as_binary_view(),
        t => match int_rows(a) {
            Some(r) => {
                ints = r;
                &ints
            }
            None => {
                return Err(Fail::Type(format!(
                    "cnpii scans string, binary and integer arrays, not {t}"
                )))
            }
        },
    };
    let parts = over_rows(
        values,
        threads,
        rows,
        bytes,
        |v, row, acc: &mut Found| {
            if let Some(row) = row {
                let mut counted = Chars::default();
                for f in v.scan(row)? {
                    let (s, e) = (f.span.start as usize, f.span.end as usize);
                    acc.kind.push(f.kind.as_str());
                    acc.start.push(s as i64);
                    acc.end.push(e as i64);
                    acc.char_start.push(counted.upto(row, s) as i64);
                    acc.char_end.push(counted.upto(row, e) as i64);
                    acc.confidence.push(f.confidence);
                    acc.detail.push(f.detail);
                }
            }
            acc.ends.push(acc.kind.len());
            Ok(())
        },
        Found::default,
    )
    .map_err(Fail::Lib)?;
    let mut all = Found::default();
    for p in parts {
        let base = all.kind.len();
        all.kind.extend(p.kind);
        all.start.extend(p.start);
        all.end.extend(p.end);
        all.char_start.extend(p.char_start);
        all.char_end.extend(p.char_end);
        all.confidence.extend(p.confidence);
        all.detail.extend(p.detail);
        all.ends.extend(p.ends.iter().map(|e| e + base));
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(all.kind)),
        Arc::new(Int64Array::from(all.start)),
        Arc::new(Int64Array::from(all.end)),
        Arc::new(Int64Array::from(all.char_start)),
        Arc::new(Int64Array::from(all.char_end)),
        Arc::new(Float32Array::from(all.confidence)),
        Arc::new(StringArray::from(all.detail)),
    ];
    let fields = finding_fields();
    let structs = StructArray::try_new(fields.clone(), columns, None).map_err(Fail::Arrow)?;
    let item = Arc::new(Field::new("item", DataType::Struct(fields), true));
    let list = ListArray::try_new(item, offsets::<i32>(&all.ends)?, Arc::new(structs), nulls)
        .map_err(Fail::Arrow)?;
    Ok(Arc::new(list))
}

// ---------------------------------------------------------------------------------------
// check

/// What the CLI's `check VALUE` prints, as a dict: `kind` (or None) and `facts`.
#[pyfunction]
fn check<'py>(py: Python<'py>, value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let t = Text::from_py(value, "value")?;
    let text = match &t {
        Text::Str(s) => s.clone(),
        Text::Bytes(b) => String::from_utf8(b.clone())
            .map_err(|_| PyValueError::new_err("value is not valid UTF-8"))?,
    };
    let e = py.detach(|| cnpii::check::explain(&text));
    let d = PyDict::new(py);
    d.set_item("kind", e.kind.map(Kind::as_str))?;
    d.set_item("facts", e.facts)?;
    Ok(d)
}

/// The kinds cnpii knows, as CONTRACT.md names them.
#[pyfunction]
fn kinds() -> Vec<&'static str> {
    Kind::ALL.iter().map(|k| k.as_str()).collect()
}

#[pymodule]
fn _cnpii(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<Finding_>()?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(kinds, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
