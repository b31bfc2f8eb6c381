//! Runs a test class: its `@TestSetup` methods once, in a transaction whose records every test
//! then sees, and each selected test method in a transaction of its own (a new interpreter,
//! so fresh statics and limits), with the records rolled back to the setup's afterwards.

use super::build::Compiled;
use super::discover::{Selection, TestClass, TestMethod};
use super::failure::{error, judge};
use super::host::TestHost;
use super::{Failure, Status, TestConfig, TestResult};
use apex_data::Store;
use apex_runtime::eval::Interp;
use apex_runtime::ir::MethodId;
use apex_runtime::program::Program;
use apex_runtime::Value;
use std::time::{Duration, Instant};

/// The savepoint each test's changes are rolled back to.
const TEST_SAVEPOINT: &str = "apex_test";

/// Runs the selected tests of `class` and returns their results in declaration order.
pub fn run_class(
    compiled: &Compiled,
    class: &TestClass,
    selection: &Selection,
    config: &TestConfig,
) -> Vec<TestResult> {
    let wanted: Vec<&TestMethod> = class.methods.iter().filter(|m| selection.wants(&class.name, &m.name)).collect();
    if let Some(broken) = compiled.is_broken(&class.name) {
        let message = format!("class {} does not compile: {}", class.name, broken.message);
        let failure = error("CompileError", message);
        return wanted.iter().map(|m| not_run(class, m, Status::Error, &failure)).collect();
    }
    let mut store = match run_setups(compiled, class, config) {
        Ok(store) => store,
        Err((status, failure)) => return wanted.iter().map(|m| not_run(class, m, status, &failure)).collect(),
    };
    wanted.iter().map(|m| run_test(compiled, class, m, &mut store, config)).collect()
}

/// What one transaction left behind.
struct Ran {
    status: Status,
    failure: Option<Failure>,
    debug: Vec<String>,
    store: Option<Store>,
    time: Duration,
    log: Option<String>,
}

/// Runs the class's setup methods in one transaction and keeps its records, if it made any.
fn run_setups(compiled: &Compiled, class: &TestClass, config: &TestConfig) -> Result<Option<Store>, (Status, Failure)> {
    let mut store = None;
    for name in &class.setups {
        let Some(method) = method_id(&compiled.built.program, &class.name, name) else {
            let message = format!("@TestSetup method {}.{name} must be static and take no parameters", class.name);
            return Err((Status::Error, error("CompileError", message)));
        };
        let ran = transaction(compiled, method, store, config);
        if let Some(failure) = ran.failure {
            return Err((ran.status, failure));
        }
        store = ran.store;
    }
    Ok(store)
}

fn run_test(
    compiled: &Compiled,
    class: &TestClass,
    test: &TestMethod,
    setup: &mut Option<Store>,
    config: &TestConfig,
) -> TestResult {
    if let Some(problem) = &test.problem {
        return not_run(class, test, Status::Error, &error("CompileError", problem.clone()));
    }
    let Some(method) = method_id(&compiled.built.program, &class.name, &test.name) else {
        let message = format!("no method {}.{} to run", class.name, test.name);
        return not_run(class, test, Status::Error, &error("Fault", message));
    };
    let mut store = setup.take();
    let given = store.is_some();
    if let Some(Err(e)) = store.as_mut().map(|s| s.savepoint(TEST_SAVEPOINT)) {
        return not_run(class, test, Status::Error, &error("Fault", format!("the record store: {}", e.message)));
    }
    let ran = transaction(compiled, method, store, config);
    let mut result = TestResult {
        class: class.name.clone(),
        method: test.name.clone(),
        status: ran.status,
        time: ran.time,
        failure: ran.failure,
        debug: ran.debug,
        log: ran.log,
    };
    // The setup's records go back as they were for the next test; a store the test made
    // itself is simply dropped.
    if let Some(mut store) = ran.store.filter(|_| given) {
        match store.rollback_to(TEST_SAVEPOINT).and_then(|_| store.release(TEST_SAVEPOINT)) {
            Ok(()) => *setup = Some(store),
            Err(e) => {
                result.status = Status::Error;
                result.failure = Some(error("Fault", format!("the record store: {}", e.message)));
            }
        }
    }
    result
}

/// Runs one static method as a test transaction on `store`.
fn transaction(compiled: &Compiled, method: MethodId, store: Option<Store>, config: &TestConfig) -> Ran {
    let started = Instant::now();
    let mut host = TestHost::new(config.now_millis, &config.user, &compiled.resources);
    host.start_log(config.log.as_ref(), &compiled.built.program, method);
    let mut interp = Interp::new(&compiled.built.program, &mut host, config.limits.clone());
    interp.limits.in_test = true;
    interp.store = store;
    let outcome = interp.run_method(method, Value::Null);
    let usage = crate::debug_log::Usage::of(&interp.limits);
    let store = interp.store.take();
    drop(interp);
    let log = host.finish_log(&outcome, &usage);
    let time = if config.timings { started.elapsed() } else { Duration::ZERO };
    let (status, failure) = judge(outcome, &compiled.built.sources, config.render);
    Ran { status, failure, debug: host.debug, store, time, log }
}

/// The static, parameterless method `class.name` of the compiled program.
fn method_id(program: &Program, class: &str, name: &str) -> Option<MethodId> {
    let id = program.class_names.get(&class.to_ascii_lowercase())?;
    let overloads = program.class(*id).methods.get(&name.to_ascii_lowercase())?;
    overloads.iter().copied().find(|m| {
        let info = program.method(*m);
        info.is_static && info.params.is_empty()
    })
}

/// The result of a test that did not run, failing for the reason given.
fn not_run(class: &TestClass, test: &TestMethod, status: Status, failure: &Failure) -> TestResult {
    TestResult {
        class: class.name.clone(),
        method: test.name.clone(),
        status,
        time: Duration::ZERO,
        failure: Some(failure.clone()),
        debug: Vec::new(),
        log: None,
    }
}
