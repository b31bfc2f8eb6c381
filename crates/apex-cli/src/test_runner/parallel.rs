//! Runs test classes on several threads. A compiled program holds reference-counted values
//! and cannot cross threads, so each extra thread compiles again the classes that compiled
//! on the first, then takes classes from a shared counter; results come back in class order.

use super::build::Compiled;
use super::discover::{Selection, TestClass};
use super::progress::Progress;
use super::{execute, TestConfig, TestResult};
use crate::workspace;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Each thread's stack: deep Apex recursion needs room, as on the command's main thread.
const STACK_BYTES: usize = 256 << 20;

/// What one thread ran: each class's index with its results.
type Done = Vec<(usize, Vec<TestResult>)>;

/// Runs `classes` on up to `config.jobs` threads, this one included.
pub fn run_classes(
    compiled: &Compiled,
    classes: &[&TestClass],
    selection: &Selection,
    config: &TestConfig,
    progress: &Progress,
) -> Vec<TestResult> {
    let jobs = config.jobs.clamp(1, classes.len().max(1));
    let next = AtomicUsize::new(0);
    let (sources, metadata, broken) = (&compiled.built.sources, &compiled.built.metadata, &compiled.broken);
    let resources = &compiled.resources;
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..jobs)
            .filter_map(|_| {
                let thread = std::thread::Builder::new().stack_size(STACK_BYTES);
                thread
                    .spawn_scoped(scope, || {
                        let built = workspace::build(sources.clone(), metadata.clone());
                        let own = Compiled { built, broken: broken.clone(), resources: resources.clone() };
                        work(&own, classes, &next, selection, config, progress)
                    })
                    .ok()
            })
            .collect();
        let mut done = work(compiled, classes, &next, selection, config, progress);
        for helper in helpers {
            done.extend(helper.join().unwrap_or_default());
        }
        done
    });
    // A class whose thread gave up (it cannot, short of a bug) runs again here.
    for (index, class) in classes.iter().enumerate() {
        if !done.iter().any(|(i, _)| *i == index) {
            done.push((index, execute::run_class(compiled, class, selection, config)));
        }
    }
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().flat_map(|(_, results)| results).collect()
}

/// Takes classes from `next` until none are left.
fn work(
    compiled: &Compiled,
    classes: &[&TestClass],
    next: &AtomicUsize,
    selection: &Selection,
    config: &TestConfig,
    progress: &Progress,
) -> Done {
    let mut done = Vec::new();
    loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(class) = classes.get(index) else {
            return done;
        };
        let results = execute::run_class(compiled, class, selection, config);
        progress.class_done(&results);
        done.push((index, results));
    }
}
