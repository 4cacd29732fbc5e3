#!/usr/bin/env bash
# The Python package (crates/cnpii-py, issue 17): builds the wheel, installs it into a fresh
# venv with pytest, pyarrow, polars and pandas from PyPI, and pyspark too unless
# CNPII_PY_SPARK=0 or there is no Java (Spark 4 needs Java 17), then runs the pytest suite
# against the `cnpii` binary built by cargo (CNPII_BIN); prints pytest's summary line. Called
# by .ci/run; needs python3 (>= 3.9) with venv and pip. The Spark test reads a generated
# Parquet file of CNPII_SPARK_ROWS rows (default 200000).
#
# The wheel is built with the dev profile: cargo has already compiled the crate's dependencies
# for `cargo test --workspace`, and the workspace optimises dependencies and the library in
# dev builds (Cargo.toml). Release wheels (`pip install ./crates/cnpii-py`) use [profile.python].
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
py="$tmp/venv/bin/python"
pkgs=(maturin pytest pyarrow polars pandas)
if [ "${CNPII_PY_SPARK:-1}" = 1 ] && command -v java >/dev/null; then
    # pandas < 3: PySpark 4.0 does not support pandas 3 yet (it warns), and mapInArrow
    # needs pandas installed.
    pkgs=(maturin pytest pyarrow polars "pandas<3" pyspark)
fi
"$py" -m pip install --quiet --disable-pip-version-check "${pkgs[@]}"

cargo build --quiet --locked -p cnpii-cli
export CNPII_BIN="$PWD/target/debug/cnpii"
"$tmp/venv/bin/maturin" build --quiet --locked --profile dev -i "$py" \
    -m crates/cnpii-py/Cargo.toml -o "$tmp/wheels"
"$py" -m pip install --quiet --disable-pip-version-check "$tmp"/wheels/cnpii-*.whl

# Run from the temporary directory so that the installed package, not the source tree, is
# imported.
cd "$tmp"
"$py" -m pytest -q -p no:cacheprovider "$OLDPWD/crates/cnpii-py/tests"
