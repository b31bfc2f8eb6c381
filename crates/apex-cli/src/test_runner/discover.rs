//! Finds the tests of a project in its syntax trees: top-level classes annotated `@IsTest`,
//! their methods annotated `@IsTest` or declared `testMethod`, and their `@TestSetup` methods.
//! Discovery reads every file, also those that do not compile, so their tests can be reported.

use crate::workspace::Source;
use apex_syntax::ast::{ClassDecl, Member, Method, Modifier, TypeDecl, Unit};
use apex_syntax::{FileId, UnitKind};

/// A test class, as declared.
#[derive(Clone, Debug)]
pub struct TestClass {
    pub name: String,
    /// `@TestSetup` methods, in declaration order.
    pub setups: Vec<String>,
    /// Test methods, in declaration order.
    pub methods: Vec<TestMethod>,
}

/// A test method and, when the platform would refuse it, why.
#[derive(Clone, Debug)]
pub struct TestMethod {
    pub name: String,
    pub problem: Option<String>,
}

/// Which tests to run: everything when both lists are empty, else the union of the classes
/// named and the `Class.method` (or `Class`) entries of `tests`. Names ignore case. With a
/// shard, only that share of the selected classes runs.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub class_names: Vec<String>,
    pub tests: Vec<String>,
    pub shard: Option<super::Shard>,
}

impl Selection {
    pub fn is_everything(&self) -> bool {
        self.class_names.is_empty() && self.tests.is_empty()
    }

    pub fn wants_class(&self, class: &TestClass) -> bool {
        self.is_everything() || class.methods.iter().any(|m| self.wants(&class.name, &m.name))
    }

    pub fn wants(&self, class: &str, method: &str) -> bool {
        if self.is_everything() || self.class_names.iter().any(|c| c.eq_ignore_ascii_case(class)) {
            return true;
        }
        self.tests.iter().any(|entry| match entry.split_once('.') {
            Some((c, m)) => c.eq_ignore_ascii_case(class) && m.eq_ignore_ascii_case(method),
            None => entry.eq_ignore_ascii_case(class),
        })
    }

    /// The names given that match no test class or test method.
    pub fn unknown(&self, classes: &[TestClass]) -> Vec<String> {
        let class = |name: &str| classes.iter().find(|c| c.name.eq_ignore_ascii_case(name));
        let mut unknown: Vec<String> = self.class_names.iter().filter(|n| class(n).is_none()).cloned().collect();
        for entry in &self.tests {
            let found = match entry.split_once('.') {
                Some((c, m)) => class(c).is_some_and(|c| c.methods.iter().any(|t| t.name.eq_ignore_ascii_case(m))),
                None => class(entry).is_some(),
            };
            if !found {
                unknown.push(entry.clone());
            }
        }
        unknown
    }
}

/// The test classes among `sources`, sorted by name.
pub fn discover(sources: &[Source]) -> Vec<TestClass> {
    let mut classes: Vec<TestClass> = sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == UnitKind::Class && mentions_tests(&s.text))
        .filter_map(|(i, s)| test_class(&apex_syntax::parse(&s.text, FileId(i as u32), s.kind).unit))
        .collect();
    classes.sort_by_key(|c| c.name.to_ascii_lowercase());
    classes
}

/// A cheap look before parsing: a test class says `istest` somewhere.
fn mentions_tests(text: &str) -> bool {
    text.to_ascii_lowercase().contains("istest")
}

fn test_class(unit: &Unit) -> Option<TestClass> {
    let Unit::Type(decl) = unit else {
        return None;
    };
    let TypeDecl::Class(class) = &decl.node else {
        return None;
    };
    class.modifiers.annotation("IsTest")?;
    Some(TestClass { name: class.name.node.as_str().to_string(), setups: setups(class), methods: methods(class) })
}

fn class_methods(class: &ClassDecl) -> impl Iterator<Item = &Method> {
    class.members.iter().filter_map(|m| match &m.node {
        Member::Method(method) => Some(method),
        _ => None,
    })
}

fn setups(class: &ClassDecl) -> Vec<String> {
    class_methods(class)
        .filter(|m| m.modifiers.annotation("TestSetup").is_some())
        .map(|m| m.name.node.as_str().to_string())
        .collect()
}

fn methods(class: &ClassDecl) -> Vec<TestMethod> {
    class_methods(class)
        .filter(|m| m.modifiers.annotation("IsTest").is_some() || m.modifiers.has(Modifier::TestMethod))
        .map(|m| TestMethod { name: m.name.node.as_str().to_string(), problem: problem(m) })
        .collect()
}

/// The platform's compile error for a test method it would not run.
// unconfirmed: the exact wording of both messages.
fn problem(method: &Method) -> Option<String> {
    if !method.modifiers.has(Modifier::Static) {
        return Some("Test methods must be static".into());
    }
    if !method.params.is_empty() {
        return Some("Test methods must not have parameters".into());
    }
    None
}
