//! End-to-end tests of `apex run` as a user runs it: where the script and the project come
//! from, what goes to stdout and stderr, the exit codes, and the governor limits.

mod common;

use common::{apex, apex_in, projects, stderr, stdout};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `apex` in `dir` with `input` on stdin.
fn apex_with_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apex"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn fixture(path: &str) -> String {
    projects().join(path).display().to_string()
}

/// Asserts a clean exit 0 with exactly `expected` on stdout.
fn assert_prints(output: &Output, expected: &str) {
    assert_eq!(stdout(output), expected, "stderr: {}", stderr(output));
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(output));
}

/// Asserts an uncaught exception: exit 1 and `first` as the first stderr line.
fn assert_uncaught(output: &Output, first: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "stderr: {err}");
    assert_eq!(err.lines().next(), Some(first), "stderr: {err}");
}

/// The stderr lines after the first that look like Apex stack lines.
fn stack_lines(output: &Output) -> Vec<String> {
    stderr(output)
        .lines()
        .skip(1)
        // Long stacks are printed with their middle elided.
        .filter(|l| !(l.starts_with("... ") && l.ends_with(" more frames ...")))
        .take_while(|l| l.starts_with("Class.") || l.starts_with("AnonymousBlock:"))
        .map(str::to_string)
        .collect()
}

// ---- where the script comes from ----

#[test]
fn execute_flag_prints_one_line_per_debug() {
    let output = apex(&["run", "-e", "System.debug('hi'); System.debug(1 + 2); System.debug(null);"]);
    assert_prints(&output, "hi\n3\nnull\n");
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_file_runs() {
    let output = apex(&["run", &fixture("standalone/count.apex")]);
    assert_prints(&output, "n = 1\nn = 2\nn = 3\n(1, 2, 3)\n");
}

#[test]
fn a_relative_file_runs() {
    let output = apex(&["run", "standalone/count.apex"]);
    assert_prints(&output, "n = 1\nn = 2\nn = 3\n(1, 2, 3)\n");
}

#[test]
fn a_dash_reads_the_script_from_stdin() {
    let output = apex_with_stdin(&projects(), &["run", "-"], "Integer x = 6;\nSystem.debug(x * 7);\n");
    assert_prints(&output, "42\n");
}

#[test]
fn stdin_finds_the_project_from_the_current_folder() {
    let output = apex_with_stdin(&projects().join("basic"), &["run", "-"], "System.debug(Greeter.greet('pipe'));");
    assert_prints(&output, "Hello, PIPE!\n");
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let output = apex(&["run", "no/such/script.apex"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    assert!(err.starts_with("error: cannot read no/such/script.apex"), "{err}");
}

#[test]
fn execute_and_a_file_together_are_rejected_by_clap() {
    let output = apex(&["run", "-e", "System.debug(1);", "standalone/count.apex"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    assert!(err.contains("cannot be used with"), "{err}");
    assert!(err.contains("Usage: apex run"), "{err}");
}

#[test]
fn nothing_to_run_is_an_error() {
    let output = apex(&["run"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: nothing to run"), "{}", stderr(&output));
}

// ---- where the project comes from ----

#[test]
fn a_file_inside_a_project_finds_the_project_itself() {
    // The current folder is outside the project: only the file's location can lead to it.
    let output = apex(&["run", &fixture("basic/scripts/hello.apex")]);
    assert_prints(&output, "Hello, WORLD!\n12\n");
}

#[test]
fn a_file_inside_a_project_finds_it_from_a_relative_path() {
    let output = apex_in(&projects().join("basic/scripts"), &["run", "hello.apex"]);
    assert_prints(&output, "Hello, WORLD!\n12\n");
}

#[test]
fn the_project_flag_gives_the_classes_to_execute() {
    let output = apex(&["run", "--project", "basic", "-e", "System.debug(Greeter.greet('flag'));"]);
    assert_prints(&output, "Hello, FLAG!\n");
}

#[test]
fn the_project_flag_gives_the_classes_to_a_file_outside_it() {
    let script = std::env::temp_dir().join(format!("apex-cli-run-{}.apex", std::process::id()));
    std::fs::write(&script, "System.debug(Shout.loud('outside'));\n").unwrap();
    let output = apex(&["run", "--project", &fixture("basic"), &script.display().to_string()]);
    let _ = std::fs::remove_file(&script);
    assert_prints(&output, "OUTSIDE!\n");
}

#[test]
fn without_a_project_project_classes_are_unknown() {
    let output = apex(&["run", "-e", "System.debug(Greeter.greet('x'));"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    assert!(err.contains("Greeter"), "{err}");
    assert!(err.contains("error: could not compile"), "{err}");
}

#[test]
fn a_missing_project_folder_is_a_clear_error() {
    let output = apex(&["run", "--project", "no-such-project", "-e", "System.debug(1);"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    assert!(err.starts_with("error: project folder no-such-project does not exist"), "{err}");
}

// ---- compile errors ----

#[test]
fn a_compile_error_in_the_script_exits_two_with_the_platform_message() {
    let output = apex(&["run", "-e", "System.debug('a');\nSystem.debug(x);"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "", "nothing runs when the script does not compile");
    let err = stderr(&output);
    assert!(err.contains("Error: Variable does not exist: x"), "{err}");
    assert!(err.contains("<-e>:2:14"), "{err}");
    assert_eq!(err.lines().last(), Some("error: could not compile: 1 error"), "{err}");
}

#[test]
fn a_compile_error_in_a_project_class_names_the_class_file() {
    let output = apex(&["run", &fixture("broken/scripts/hello.apex")]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "", "nothing runs when a class does not compile");
    let err = stderr(&output);
    assert!(err.contains("Error: Variable does not exist: x"), "{err}");
    assert!(err.contains("Broken.cls:3:16"), "{err}");
    assert!(err.contains("error: could not compile: 1 error"), "{err}");
    // The project's unsupported APIs are `apex check`'s business, not the script's.
    assert!(!err.contains("W001"), "{err}");
}

// ---- uncaught exceptions ----

#[test]
fn a_project_class_calls_another_class() {
    let output = apex(&[
        "run",
        "--project",
        "basic",
        "-e",
        "String s = Greeter.greet('a') + Greeter.greet('b');\nSystem.debug(s);",
    ]);
    assert_prints(&output, "Hello, A!Hello, B!\n");
}

#[test]
fn an_uncaught_exception_in_a_class_prints_the_stack_and_a_frame() {
    let output = apex(&["run", &fixture("basic/scripts/null_in_class.apex")]);
    assert_uncaught(&output, "System.NullPointerException: Attempt to de-reference a null object");
    assert_eq!(stdout(&output), "before\n", "output before the exception is kept");
    let stack = stack_lines(&output);
    assert_eq!(stack.len(), 2, "{stack:?}");
    assert!(stack[0].starts_with("Class.Greeter.lengthOfNothing: line 8, column "), "{stack:?}");
    assert!(stack[1].starts_with("AnonymousBlock: line 2, column "), "{stack:?}");
    let err = stderr(&output);
    assert!(err.contains("Greeter.cls:8:"), "the frame shows the class file: {err}");
    assert!(err.contains("return nothing.length();"), "the frame quotes the line: {err}");
    assert!(err.contains("thrown here"), "{err}");
}

#[test]
fn an_uncaught_exception_in_the_script_frames_the_script_file() {
    let output = apex(&["run", &fixture("standalone/null_here.apex")]);
    assert_uncaught(&output, "System.NullPointerException: Attempt to de-reference a null object");
    assert_eq!(stdout(&output), "first\n");
    assert_eq!(stack_lines(&output), vec!["AnonymousBlock: line 3, column 1".to_string()]);
    let err = stderr(&output);
    assert!(err.contains("null_here.apex:3:"), "{err}");
    assert!(err.contains("Integer size = missing.length();"), "{err}");
}

#[test]
fn an_uncaught_exception_in_execute_code_is_framed_as_the_execute_source() {
    let output = apex(&["run", "-e", "Integer i = 1;\nObject o = null;\nString s = o.toString();"]);
    assert_uncaught(&output, "System.NullPointerException: Attempt to de-reference a null object");
    assert_eq!(stack_lines(&output), vec!["AnonymousBlock: line 3, column 1".to_string()]);
    assert!(stderr(&output).contains("<-e>:3:"), "{}", stderr(&output));
}

#[test]
fn a_caught_exception_does_not_fail_the_run() {
    let code = "try { Integer i = 1 / 0; } catch (MathException e) { System.debug(e.getMessage()); }";
    let output = apex(&["run", "-e", code]);
    assert_prints(&output, "Divide by 0\n");
}

#[test]
fn a_custom_exception_from_the_project_is_reported_by_its_class_name() {
    let output = apex(&["run", &fixture("basic/scripts/throw_custom.apex")]);
    assert_uncaught(&output, "MyException: boom");
    assert_eq!(stdout(&output), "about to throw\n");
    let stack = stack_lines(&output);
    assert_eq!(stack.len(), 2, "{stack:?}");
    assert!(stack[0].starts_with("Class.Thrower.go: line 3, column "), "{stack:?}");
    assert!(stack[1].starts_with("AnonymousBlock: line 2, column "), "{stack:?}");
    assert!(stderr(&output).contains("Thrower.cls:3:"), "{}", stderr(&output));
}

#[test]
fn a_custom_exception_without_a_message_is_reported_by_its_class_name() {
    let output = apex(&["run", "--project", "basic", "-e", "throw new MyException();"]);
    assert_uncaught(&output, "MyException");
    assert_eq!(stack_lines(&output), vec!["AnonymousBlock: line 1, column 1".to_string()]);
}

// ---- unsupported APIs ----

#[test]
fn an_unsupported_api_reached_at_run_time_is_a_tool_fault() {
    let output = apex(&[
        "run",
        "-e",
        "System.debug('before');\nXmlStreamWriter writer = new XmlStreamWriter();\nSystem.debug('after');",
    ]);
    assert_eq!(output.status.code(), Some(3), "stderr: {}", stderr(&output));
    assert_eq!(stdout(&output), "before\n");
    let err = stderr(&output);
    assert!(err.starts_with("[W001] Warning: new XmlStreamWriter is not supported yet"), "{err}");
    assert!(err.lines().any(|l| l == "error: new XmlStreamWriter is not supported yet"), "{err}");
}

#[test]
fn an_unsupported_static_method_reached_at_run_time_is_a_tool_fault() {
    let output = apex(&["run", "-e", "String s = Network.getNetworkId();\nSystem.debug(s);"]);
    assert_eq!(output.status.code(), Some(3), "stderr: {}", stderr(&output));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    assert!(err.contains("[W001] Warning: Network.getNetworkId is not supported yet"), "{err}");
    assert!(err.lines().any(|l| l == "error: Network.getNetworkId is not supported yet"), "{err}");
    assert!(!err.contains("Exception"), "a fault is not an Apex exception: {err}");
}

#[test]
fn an_unsupported_api_in_a_branch_never_taken_only_warns() {
    let code =
        "System.debug('start');\nif (1 == 2) {\n    XmlStreamWriter writer = new XmlStreamWriter();\n}\nSystem.debug('done');";
    let output = apex(&["run", "-e", code]);
    assert_prints(&output, "start\ndone\n");
    let err = stderr(&output);
    assert!(err.starts_with("[W001] Warning: new XmlStreamWriter is not supported yet"), "{err}");
    assert!(err.contains("<-e>:3:"), "{err}");
    assert!(!err.contains("error:"), "{err}");
}

#[test]
fn an_unsupported_api_in_a_project_class_never_called_is_silent() {
    let output = apex(&["run", "--project", "unsupported", "-e", "System.debug(Plain.two());"]);
    assert_prints(&output, "2\n");
    assert_eq!(stderr(&output), "", "the project's warnings belong to `apex check`");
}

#[test]
fn an_unsupported_api_in_a_project_class_reached_is_a_tool_fault() {
    let output =
        apex(&["run", "--project", "unsupported", "-e", "System.debug(Callout.send(false));\nCallout.send(true);"]);
    assert_eq!(output.status.code(), Some(3), "stderr: {}", stderr(&output));
    assert_eq!(stdout(&output), "skipped\n");
    let err = stderr(&output);
    assert!(err.starts_with("error: new XmlStreamWriter is not supported yet"), "{err}");
}

// ---- limits: stack depth ----

/// Asserts the stack depth limit: exit 1, the platform's message, and a stack (no crash).
fn assert_stack_depth(output: &Output, top_frame: &str) {
    assert_uncaught(output, "System.LimitException: Maximum stack depth reached: 1001");
    let stack = stack_lines(output);
    assert!(!stack.is_empty(), "the stack is printed: {}", stderr(output));
    assert!(stack[0].starts_with(top_frame), "{:?}", &stack[..stack.len().min(3)]);
    assert!(stack.last().is_some_and(|l| l.starts_with("AnonymousBlock: line 1, column ")), "{:?}", stack.last());
}

#[test]
fn runaway_recursion_in_the_script_hits_the_stack_depth_limit() {
    let output = apex(&["run", "-e", "Integer down(Integer n) { return down(n + 1); }\nSystem.debug(down(0));"]);
    assert_uncaught(&output, "System.LimitException: Maximum stack depth reached: 1001");
    assert_eq!(stdout(&output), "");
    assert!(stack_lines(&output).last().is_some_and(|l| l.starts_with("AnonymousBlock: line 2, column ")));
}

#[test]
fn runaway_recursion_in_a_static_method_hits_the_stack_depth_limit() {
    let output = apex(&["run", "--project", "recursion", "-e", "Deep.down(0);"]);
    assert_stack_depth(&output, "Class.Deep.down: line 3, column ");
}

#[test]
fn runaway_recursion_through_a_constructor_hits_the_stack_depth_limit() {
    let output = apex(&["run", "--project", "recursion", "-e", "Endless e = new Endless();"]);
    assert_stack_depth(&output, "Class.Endless.<init>: line 3, column ");
}

#[test]
fn runaway_recursion_through_property_getters_hits_the_stack_depth_limit() {
    let output = apex(&["run", "--project", "recursion", "-e", "System.debug(new Circular().first);"]);
    assert_stack_depth(&output, "Class.Circular.");
    assert_eq!(stdout(&output), "");
}

#[test]
fn runaway_recursion_through_to_string_hits_the_stack_depth_limit() {
    let output = apex(&["run", "--project", "recursion", "-e", "System.debug(new Mirror());"]);
    assert_stack_depth(&output, "Class.Mirror.toString: line 3, column ");
    assert_eq!(stdout(&output), "");
}

#[test]
fn a_limit_exception_cannot_be_caught() {
    let code = "try { Deep.down(0); } catch (Exception e) { System.debug('caught'); }\nSystem.debug('after');";
    let output = apex(&["run", "--project", "recursion", "-e", code]);
    assert_uncaught(&output, "System.LimitException: Maximum stack depth reached: 1001");
    assert_eq!(stdout(&output), "");
}

// ---- limits: CPU time ----

/// Runs `code` with a 300 ms CPU limit and asserts it stops, with the platform's message, soon.
fn assert_cpu_limit(code: &str) -> Output {
    let started = Instant::now();
    let output = apex(&["run", "--cpu-limit", "300", "-e", code]);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert_uncaught(&output, "System.LimitException: Apex CPU time limit exceeded");
    output
}

#[test]
fn an_empty_endless_loop_hits_the_cpu_limit() {
    let output = assert_cpu_limit("while (true) {}");
    let stack = stack_lines(&output);
    assert_eq!(stack.len(), 1, "the Apex stack follows the message: {}", stderr(&output));
    assert!(stack[0].starts_with("AnonymousBlock: line 1, column "), "{stack:?}");
}

#[test]
fn a_busy_endless_loop_hits_the_cpu_limit() {
    let output = assert_cpu_limit("Integer i = 0;\nwhile (true) {\n    i++;\n}");
    assert_eq!(stdout(&output), "");
    assert!(
        stack_lines(&output).first().is_some_and(|l| l.starts_with("AnonymousBlock: line ")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn endless_recursion_in_a_loop_hits_the_cpu_limit_not_a_crash() {
    let output = assert_cpu_limit("Integer f(Integer n) { return n <= 0 ? 0 : f(n - 1); }\nwhile (true) { f(500); }");
    assert_eq!(stdout(&output), "");
}

#[test]
fn a_bad_cpu_limit_is_rejected_by_clap() {
    let output = apex(&["run", "--cpu-limit", "soon", "-e", "System.debug(1);"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--cpu-limit"), "{}", stderr(&output));
}

// ---- limits: heap ----

/// Asserts the heap limit: exit 1 and `System.LimitException: Apex heap size too large: N`, N > 6 MB.
fn assert_heap_limit(code: &str) {
    let started = Instant::now();
    let output = apex(&["run", "-e", code]);
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "stderr: {err}");
    let first = err.lines().next().unwrap_or_default();
    let size = first.strip_prefix("System.LimitException: Apex heap size too large: ");
    let size: u64 = size.and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("first line: {first}"));
    assert!(size > 6_000_000, "{first}");
    assert!(stack_lines(&output).first().is_some_and(|l| l.starts_with("AnonymousBlock: line ")), "{err}");
}

#[test]
fn a_huge_list_hits_the_heap_limit() {
    assert_heap_limit("List<Integer> numbers = new List<Integer>();\nwhile (true) {\n    numbers.add(1);\n}");
}

#[test]
fn a_list_of_strings_hits_the_heap_limit() {
    assert_heap_limit(
        "List<String> l = new List<String>();\nfor (Integer i = 0; i < 100000000; i++) { l.add('abcdefghij'); }",
    );
}

#[test]
fn a_string_doubled_in_a_loop_hits_the_heap_limit() {
    assert_heap_limit("String s = 'x';\nwhile (true) {\n    s += s;\n}");
}

#[test]
fn a_string_doubled_forty_times_hits_the_heap_limit() {
    assert_heap_limit("String s = 'x';\nfor (Integer i = 0; i < 40; i++) { s = s + s; }\nSystem.debug(s.length());");
}

#[test]
fn a_map_grown_in_a_loop_hits_the_heap_limit() {
    assert_heap_limit("Map<Integer, String> m = new Map<Integer, String>();\nInteger i = 0;\nwhile (true) {\n    m.put(i, 'v' + i);\n    i++;\n}");
}

#[test]
fn a_modest_collection_stays_under_the_heap_limit() {
    let code = "List<Integer> l = new List<Integer>();\nfor (Integer i = 0; i < 10000; i++) { l.add(i); }\nSystem.debug(l.size());";
    let output = apex(&["run", "-e", code]);
    assert_prints(&output, "10000\n");
}

#[test]
fn user_flags_set_what_userinfo_and_the_org_domain_report() {
    let output = apex(&[
        "run",
        "--user",
        "userName=ada@example.com",
        "--user",
        "orgDomainUrl=https://acme.my.salesforce.com/",
        "-e",
        "System.debug(UserInfo.getUserName());\nSystem.debug(Url.getOrgDomainUrl().toExternalForm());",
    ]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert_eq!(stdout(&output), "ada@example.com\nhttps://acme.my.salesforce.com\n");
}

#[test]
fn a_bad_user_flag_is_a_usage_error_naming_the_known_fields() {
    let output = apex(&["run", "--user", "nickname=x", "-e", "System.debug(1);"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).starts_with("error: --user: unknown user field nickname; known: userId, userName"));
    let output = apex(&["run", "--user", "userName", "-e", "System.debug(1);"]);
    assert_eq!(stderr(&output), "error: --user expects FIELD=VALUE, got userName\n");
}

#[test]
fn now_fixes_the_clock_for_now_and_today() {
    let code =
        "System.debug(System.now());\nSystem.debug(Date.today().format());\nSystem.debug(System.currentTimeMillis());";
    let output = apex(&["run", "--now", "2024-03-05T14:07:00+01:00", "-e", code]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert_eq!(stdout(&output), "2024-03-05 13:07:00\n3/5/2024\n1709644020000\n");
    let output = apex(&["run", "--now", "tomorrow", "-e", code]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: --now expects an ISO 8601 instant"), "{}", stderr(&output));
}
