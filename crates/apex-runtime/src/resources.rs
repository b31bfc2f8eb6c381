//! The org's static resources, as the running code sees them: each resource's content type and
//! bytes, found by name in any case (`Test.loadData`, `StaticResourceCalloutMock`).

use std::collections::HashMap;
use std::sync::Arc;

/// One static resource.
#[derive(Clone, Debug)]
pub struct StaticResource {
    /// The name as the project spells it.
    pub name: String,
    /// `<contentType>` from its metadata (`text/csv`, `application/json`).
    pub content_type: String,
    pub body: Arc<[u8]>,
}

/// Every static resource of the org, by lower-cased name.
#[derive(Clone, Debug, Default)]
pub struct StaticResources {
    by_name: HashMap<String, StaticResource>,
}

impl StaticResources {
    pub fn insert(&mut self, resource: StaticResource) {
        self.by_name.insert(resource.name.to_ascii_lowercase(), resource);
    }

    /// The resource named `name`, in any case.
    pub fn get(&self, name: &str) -> Option<&StaticResource> {
        self.by_name.get(&name.to_ascii_lowercase())
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}
