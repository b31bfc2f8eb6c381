//! External Services from the command line: `apex check` on registrations the platform would
//! refuse or trim, and `apex creds explain` on an operation. (The example project's README
//! commands are checked by tests/examples.rs.)

mod common;

use common::{scratch, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/external-services")
}

fn apex(dir: &Path, secrets: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_apex"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1").env("APEX_SECRETS", secrets);
    command.output().expect("apex runs")
}

#[test]
fn check_reports_a_refused_registration_and_a_left_out_operation() {
    let project = scratch("es-check");
    let folder = project.join("externalServiceRegistrations");
    std::fs::create_dir_all(&folder).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/external-services");
    for name in ["NewSpec", "Unsupported"] {
        let file = format!("{name}.externalServiceRegistration-meta.xml");
        std::fs::copy(fixtures.join(&file), folder.join(&file)).unwrap();
    }
    let output = apex(&project, &project.join("secrets.json"), &["check", "--project", "."]);
    let err = stdout(&output) + &stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("OpenAPI 3.1.0 is not supported"), "{err}");
    assert!(err.contains("HEAD /status: the HEAD method is not supported; the operation is left out"), "{err}");
}

#[test]
fn creds_explain_names_the_registration_operation_and_named_credential() {
    let secrets = scratch("es-explain").join("secrets.json");
    let output = apex(&example(), &secrets, &["creds", "explain", "TargetOrgApi.createAccount"]);
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().take(4).collect();
    assert_eq!(
        lines,
        [
            "external service ExternalService.TargetOrgApi (force-app/main/default/externalServiceRegistrations/TargetOrgApi.externalServiceRegistration-meta.xml)",
            "  operation createAccount: POST /sobjects/Account",
            "  calls out through named credential Target_Org_Production",
            "callout:Target_Org_Production/services/data/v60.0/sobjects/Account",
        ],
        "{}",
        stderr(&output)
    );
    assert!(out.contains("principal Integration_User"), "{out}");
}

#[test]
fn a_decomposed_registration_reads_its_schema_from_the_yaml_beside_it() {
    let project = scratch("es-decomposed");
    std::fs::write(project.join("sfdx-project.json"), r#"{"packageDirectories": [{"path": "force-app"}]}"#).unwrap();
    let folder = project.join("force-app/externalServiceRegistrations");
    std::fs::create_dir_all(&folder).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/external-services");
    for file in ["Decomposed.externalServiceRegistration-meta.xml", "Decomposed.yaml"] {
        std::fs::copy(fixtures.join(file), folder.join(file)).unwrap();
    }
    let script =
        "Object api = new ExternalService.Decomposed(); System.debug(api instanceof ExternalService.Decomposed);";
    let output = apex(&project, &project.join("secrets.json"), &["run", "-e", script]);
    assert_eq!(stdout(&output), "true\n", "{}", stderr(&output));
    let checked = apex(&project, &project.join("secrets.json"), &["check"]);
    let all = stdout(&checked) + &stderr(&checked);
    assert_eq!(checked.status.code(), Some(0), "{all}");
    assert!(all.contains("Decomposed.yaml:14:5"), "the left-out operation is reported in the schema file: {all}");
}
