//! Work spread over a pool of threads, or done in this thread when one is enough or the system
//! refuses threads: the lint, the report and `--fix` share these.

use rayon::prelude::*;

/// The most worker threads a run starts (`--jobs`).
pub const MAX_JOBS: usize = 256;

/// `f` over `items` on the threads of the pool this runs in, or one by one in this thread when
/// it runs in none (a one-file run starts no thread). The results keep the items' order.
pub fn map_all<I, T, R, F>(items: I, f: F) -> Vec<R>
where
    I: IntoParallelIterator<Item = T> + IntoIterator<Item = T>,
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync + Send,
{
    if rayon::current_thread_index().is_some() {
        items.into_par_iter().map(f).collect()
    } else {
        items.into_iter().map(f).collect()
    }
}

/// A pool of `jobs` threads (`None`: one per core) for `items` pieces of work, never more
/// threads than items nor [`MAX_JOBS`]; `None` when one thread is enough or the system refuses
/// threads (a process limit), and the caller works in its own thread.
pub fn worker_pool(jobs: Option<usize>, items: usize) -> Option<rayon::ThreadPool> {
    // One item runs in this thread: starting a thread (and asking the system how many cores
    // there are) costs more than linting a plan.
    let threads = match (jobs, items) {
        (_, 0 | 1) => 1,
        (Some(jobs), n) => jobs.clamp(1, MAX_JOBS).min(n),
        (None, n) => std::thread::available_parallelism()
            .map_or(1, |c| c.get())
            .clamp(1, MAX_JOBS)
            .min(n),
    };
    (threads > 1)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .ok()
        })
        .flatten()
}
