//! The Python binding of softone-go: the `softone_go._native` extension module.
//!
//! Thin by design: it converts arguments into the core's types, runs the core's client
//! with the GIL released, turns entries into Python objects, and maps errors onto the
//! exception classes of `softone_go._errors`. Every rule lives in the core.

mod args;
mod client;
mod entry;
mod errors;
mod simulator;

use pyo3::prelude::*;

/// The extension module `softone_go._native`.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<client::PyClient>()?;
    m.add_class::<client::PyAsyncClient>()?;
    m.add_class::<entry::PyTimeStampEntry>()?;
    m.add_class::<entry::PyAccount>()?;
    m.add_class::<simulator::PySimulator>()?;
    m.add("VERSION", softone_go::VERSION)?;
    m.add("DEFAULT_BASE_URL", softone_go::DEFAULT_BASE_URL)?;
    Ok(())
}
