//! The blocking client: owns a tokio runtime, survives `fork()`, works inside other runtimes.

use crate::client::{AsyncClient, Progress};
use crate::config::ClientOptions;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{SortedEntries, TimeStampEntry};
use crate::query::Query;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often a blocking fetch asks its `should_cancel` callback.
const CANCEL_POLL: Duration = Duration::from_millis(50);

/// The blocking client. `Send + Sync`, cheap to clone; clones share runtime, pool and token.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Mutex<State>>,
}

struct State {
    pid: u32,
    runtime: Arc<tokio::runtime::Runtime>,
    client: AsyncClient,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (_, c) = self.parts_for_debug();
        f.debug_struct("Client")
            .field("options", c.options())
            .finish()
    }
}

fn new_runtime() -> Result<Arc<tokio::runtime::Runtime>> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .thread_name("softone-go")
        .enable_all()
        .build()
        .map(Arc::new)
        .map_err(|e| {
            Error::new(
                ErrorKind::Transport,
                format!("cannot start the I/O runtime: {e}"),
            )
        })
}

impl Client {
    /// A blocking client with these options (no network I/O yet).
    pub fn new(options: ClientOptions) -> Result<Client> {
        let client = AsyncClient::new(options)?;
        Ok(Client {
            inner: Arc::new(Mutex::new(State {
                pid: std::process::id(),
                runtime: new_runtime()?,
                client,
            })),
        })
    }

    /// A blocking client from the `SOFTONE_*` environment variables.
    pub fn from_env() -> Result<Client> {
        Client::new(crate::config::ClientBuilder::from_env().build()?)
    }

    fn parts_for_debug(&self) -> (Arc<tokio::runtime::Runtime>, AsyncClient) {
        let s = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        (s.runtime.clone(), s.client.clone())
    }

    /// The runtime and async client of this process: after a `fork()` the child gets a new
    /// runtime and connection pool (the parent's threads and sockets are not its own).
    fn parts(&self) -> Result<(Arc<tokio::runtime::Runtime>, AsyncClient)> {
        let mut s = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let pid = std::process::id();
        if s.pid != pid {
            let client = s.client.fresh_copy()?;
            let runtime = new_runtime()?;
            let old_rt = std::mem::replace(&mut s.runtime, runtime);
            let old_client = std::mem::replace(&mut s.client, client);
            // The parent's runtime threads do not exist here, and its sockets belong to the
            // parent: dropping them could block or disturb the parent's connections.
            std::mem::forget(old_rt);
            std::mem::forget(old_client);
            s.pid = pid;
        }
        Ok((s.runtime.clone(), s.client.clone()))
    }

    /// The async client of this process, for callers that mix both styles.
    pub fn async_client(&self) -> Result<AsyncClient> {
        self.parts().map(|(_, c)| c)
    }

    /// The options the client was made with.
    pub fn options(&self) -> ClientOptions {
        self.parts_for_debug().1.options().clone()
    }

    /// Run a future on the client's runtime and wait for it. Safe to call from inside
    /// another tokio runtime (it then waits on a helper thread instead of panicking).
    pub fn block_on<F>(&self, fut: F) -> Result<F::Output>
    where
        F: Future + Send,
        F::Output: Send,
    {
        let (rt, _) = self.parts()?;
        if tokio::runtime::Handle::try_current().is_ok() {
            std::thread::scope(|s| {
                s.spawn(|| rt.block_on(fut))
                    .join()
                    .map_err(|_| Error::new(ErrorKind::Transport, "the I/O thread panicked"))
            })
        } else {
            Ok(rt.block_on(fut))
        }
    }

    /// Log in now (normally done lazily), to check the credentials early.
    pub fn login(&self) -> Result<()> {
        let c = self.async_client()?;
        self.block_on(async move { c.login().await })?
    }

    /// Every entry of the query, merged and sorted by (employee, time).
    pub fn time_stamp_entries(&self, query: &Query) -> Result<Vec<TimeStampEntry>> {
        self.time_stamp_entries_with(query, &mut |_| {}, None)
    }

    /// Like [`Client::time_stamp_entries`], calling `on_progress` on this thread as pieces
    /// finish, and asking `should_cancel` every 50 ms (true stops the fetch with a
    /// [`ErrorKind::Cancelled`] error; requests in flight are dropped).
    pub fn time_stamp_entries_with(
        &self,
        query: &Query,
        on_progress: &mut (dyn FnMut(Progress) + Send),
        should_cancel: Option<&(dyn Fn() -> bool + Sync)>,
    ) -> Result<Vec<TimeStampEntry>> {
        self.time_stamp_entries_sorted_with(query, on_progress, should_cancel)
            .map(SortedEntries::into_vec)
    }

    /// Like [`Client::time_stamp_entries`], leaving the entries where they were decoded,
    /// with the order that sorts them (see [`AsyncClient::time_stamp_entries_sorted`]).
    pub fn time_stamp_entries_sorted(&self, query: &Query) -> Result<SortedEntries> {
        self.time_stamp_entries_sorted_with(query, &mut |_| {}, None)
    }

    /// Like [`Client::time_stamp_entries_with`], leaving the entries where they were decoded,
    /// with the order that sorts them (see [`AsyncClient::time_stamp_entries_sorted`]).
    pub fn time_stamp_entries_sorted_with(
        &self,
        query: &Query,
        on_progress: &mut (dyn FnMut(Progress) + Send),
        should_cancel: Option<&(dyn Fn() -> bool + Sync)>,
    ) -> Result<SortedEntries> {
        let c = self.async_client()?;
        let fetch = async move { c.time_stamp_entries_sorted(query, &mut *on_progress).await };
        self.block_on(async move {
            match should_cancel {
                None => fetch.await,
                Some(cancel) => {
                    let watch = async {
                        loop {
                            tokio::time::sleep(CANCEL_POLL).await;
                            if cancel() {
                                return;
                            }
                        }
                    };
                    tokio::select! {
                        r = fetch => r,
                        () = watch => Err(Error::cancelled()),
                    }
                }
            }
        })?
    }
}
