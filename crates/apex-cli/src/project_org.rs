//! What a target project gives the served org (`apex org serve --project DIR`): custom
//! objects and fields from its objects/ metadata, and Connected Apps from its
//! `*.connectedApp-meta.xml` files, added beside the org's default app.

use crate::workspace;
use apex_data::Schema;
use apex_org::connected_app_file::{self, AppFile};
use apex_org::OrgConfig;
use std::path::Path;

/// A project's schema and Connected Apps.
pub struct ProjectOrg {
    pub schema: Schema,
    pub apps: Vec<AppFile>,
}

/// Reads the project at (or above) `dir`. An app whose file has no consumer secret takes
/// `fallback_secret`. A file that cannot be read is an error naming its path, line and column.
pub fn load(dir: &Path, fallback_secret: &str) -> Result<ProjectOrg, String> {
    let files = match apex_project::find_root(dir) {
        Some(root) => workspace::load_project(&root)?,
        None => workspace::load_dir(dir)?,
    };
    let apps = files
        .metadata
        .iter()
        .filter(|m| m.suffix == "connectedApp")
        .map(|m| connected_app_file::read(&m.name, &m.text, fallback_secret).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let built = workspace::build(Vec::new(), files.metadata);
    if built.has_errors() {
        let mut text = Vec::new();
        let _ = built.render(crate::render::RenderConfig::plain(), &|_| true, &mut text);
        return Err(format!("the project's metadata has errors:\n{}", String::from_utf8_lossy(&text)));
    }
    Ok(ProjectOrg { schema: built.program.schema, apps })
}

/// Adds `apps` to the org's; a consumer key may belong to one app only.
pub fn add_apps(config: &mut OrgConfig, apps: &[AppFile]) -> Result<(), String> {
    for file in apps {
        if let Some(taken) = config.app(&file.app.consumer_key) {
            return Err(format!(
                "the Connected App {} has consumer key {}, which the app {} already uses",
                file.app.name, file.app.consumer_key, taken.name
            ));
        }
        config.apps.push(file.app.clone());
    }
    Ok(())
}

/// One startup line per app: its name and consumer key, never its secret.
pub fn describe(apps: &[AppFile]) -> Vec<String> {
    apps.iter()
        .map(|file| {
            let app = &file.app;
            let mut line = format!("  connected app {} (project): consumer key {}", app.name, app.consumer_key);
            if app.certificate.is_some() {
                line.push_str(", JWT bearer certificate");
            }
            if file.secret_defaulted {
                line.push_str("; its file has no consumerSecret, so it takes the --client-secret");
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app_file(name: &str, key: &str, secret_defaulted: bool) -> AppFile {
        let mut app = OrgConfig::default().apps[0].clone();
        (app.name, app.consumer_key) = (name.into(), key.into());
        AppFile { app, secret_defaulted }
    }

    #[test]
    fn a_consumer_key_belongs_to_one_app() {
        let mut config = OrgConfig::default();
        add_apps(&mut config, &[app_file("Portal", "portal-key", false)]).unwrap();
        assert_eq!(config.apps.len(), 2);
        let clash = add_apps(&mut config, &[app_file("Other", "apex-local-client", false)]).unwrap_err();
        assert_eq!(
            clash,
            "the Connected App Other has consumer key apex-local-client, which the app Apex_Local already uses"
        );
    }

    #[test]
    fn startup_lines_name_the_app_and_key_and_say_where_the_secret_came_from() {
        assert_eq!(
            describe(&[app_file("Portal", "portal-key", true)]),
            ["  connected app Portal (project): consumer key portal-key; its file has no consumerSecret, so it takes the --client-secret"]
        );
    }
}
