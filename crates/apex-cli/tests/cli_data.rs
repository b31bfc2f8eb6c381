//! End-to-end tests of `apex run --data FILE`: the org's records outlast a run in a SQLite
//! file, a run that ends in an uncaught exception leaves the file as it was, and a file that
//! is not a database is refused with its name.

mod common;

use common::{apex, scratch, stderr, stdout};

#[test]
fn records_outlast_the_run_and_a_failed_run_changes_nothing() {
    let dir = scratch("data-file");
    let data = dir.join("org.db").display().to_string();
    let insert = "insert new Account(Name = 'Kept'); System.debug([SELECT COUNT() FROM Account]);";
    for expected in ["1\n", "2\n"] {
        let output = apex(&["run", "-e", insert, "--data", &data]);
        assert_eq!(stdout(&output), expected, "stderr: {}", stderr(&output));
    }
    let failing = "insert new Account(Name = 'Lost'); throw new DmlException('boom');";
    let output = apex(&["run", "-e", failing, "--data", &data]);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    let names = "System.debug([SELECT COUNT() FROM Account WHERE Name = 'Lost'] + ' ' + [SELECT COUNT() FROM User]);";
    let output = apex(&["run", "-e", names, "--data", &data]);
    assert_eq!(stdout(&output), "0 1\n", "the org is seeded once; stderr: {}", stderr(&output));
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = scratch("data-junk");
    let junk = dir.join("junk.db");
    std::fs::write(&junk, "not sqlite, just text that is long enough to have a header").unwrap();
    let output = apex(&["run", "-e", "insert new Account(Name = 'x');", "--data", &junk.display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("junk.db") && err.contains("not a database"), "{err}");
}
