//! Custom objects and fields from a project's `objects/` metadata files, added to the schema.
//! Every object file is read first, then every field, so files may come in any order and
//! objects may point at each other.

use std::collections::HashSet;
use std::fmt;

use super::field_file::{self, FieldFile};
use super::metadata_path::{target, Target};
use super::object_file::{self, ObjectKind};
use super::{ChildRelationship, FieldType, Schema};
use crate::metadata_xml::{self as xml, line_column, Element, Fault};

/// One object or field file, as the project read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectFile<'a> {
    /// The path the file was read from, which names the object (and field); errors repeat it.
    pub path: &'a str,
    pub text: &'a str,
}

/// A problem with one file, pointing at the element at fault (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataError {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for MetadataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)
    }
}

impl std::error::Error for MetadataError {}

impl Schema {
    /// Adds the objects and fields that `*.object-meta.xml` and `*.field-meta.xml` files
    /// describe; other files are ignored. A file with a problem is skipped and reported, and
    /// the others still load. An object the schema already knows keeps its definition, and
    /// only gains the fields of its `fields` folder.
    pub fn load_objects(&mut self, files: &[ObjectFile]) -> Vec<MetadataError> {
        let mut loader = Loader { schema: self, errors: Vec::new(), failed: HashSet::new() };
        let (objects, fields) = loader.parse_all(files);
        for file in &objects {
            loader.load_object(file);
        }
        for file in &fields {
            loader.create_standard_object(file);
        }
        for file in &fields {
            loader.load_field(file);
        }
        loader.errors
    }
}

/// A file whose path and XML have been read.
struct Parsed<'a> {
    file: ObjectFile<'a>,
    object: &'a str,
    /// The field's file name; `None` for an object file.
    field: Option<&'a str>,
    root: Element,
}

/// One `load_objects` call: the schema it fills and what went wrong so far.
struct Loader<'s> {
    schema: &'s mut Schema,
    errors: Vec<MetadataError>,
    /// Objects (lower case) whose object file failed, whose fields are skipped without more errors.
    failed: HashSet<String>,
}

impl Loader<'_> {
    /// The object files and the field files whose paths and XML are sound, each in the order given.
    fn parse_all<'a>(&mut self, files: &[ObjectFile<'a>]) -> (Vec<Parsed<'a>>, Vec<Parsed<'a>>) {
        let (mut objects, mut fields) = (Vec::new(), Vec::new());
        for file in files {
            let (object, field) = match target(file.path) {
                None => continue,
                Some(Err(message)) => {
                    self.report(file, Fault::new(0, message));
                    continue;
                }
                Some(Ok(Target::Object { object })) => (object, None),
                Some(Ok(Target::Field { object, field })) => (object, Some(field)),
            };
            match xml::parse(file.text) {
                Ok(root) => {
                    let list = if field.is_some() { &mut fields } else { &mut objects };
                    list.push(Parsed { file: *file, object, field, root });
                }
                Err(fault) => self.fail(file, object, field, fault),
            }
        }
        (objects, fields)
    }

    /// Adds the object an object file describes, unless the schema already knows it.
    fn load_object(&mut self, parsed: &Parsed) {
        if let Err(fault) = self.try_load_object(parsed) {
            self.fail(&parsed.file, parsed.object, None, fault);
        }
    }

    fn try_load_object(&mut self, parsed: &Parsed) -> Result<(), Fault> {
        let root = &parsed.root;
        expect_root(root, "CustomObject")?;
        let name = full_name(root, parsed.object, None)?;
        let kind = ObjectKind::of(name)
            .ok_or_else(|| Fault::new(root.offset, format!("'{name}' is not a kind of object the tool loads")))?;
        if self.schema.object(name).is_some() {
            return Ok(());
        }
        let object = object_file::build(self.schema, name, kind, root)?;
        self.schema.add_object(object);
        Ok(())
    }

    /// Creates a standard object the schema does not know from the folder of a field file, so
    /// that fields of standard objects without an object file still load.
    fn create_standard_object(&mut self, parsed: &Parsed) {
        let name = parsed.object;
        let known = self.schema.object(name).is_some() || self.failed.contains(&name.to_ascii_lowercase());
        if known || ObjectKind::of(name) != Some(ObjectKind::Standard) {
            return;
        }
        let empty = Element::empty("CustomObject");
        if let Ok(object) = object_file::build(self.schema, name, ObjectKind::Standard, &empty) {
            self.schema.add_object(object);
        }
    }

    /// Adds the field a field file describes to its object.
    fn load_field(&mut self, parsed: &Parsed) {
        if self.failed.contains(&parsed.object.to_ascii_lowercase()) {
            return;
        }
        if let Err(fault) = self.try_load_field(parsed) {
            self.report(&parsed.file, fault);
        }
    }

    fn try_load_field(&mut self, parsed: &Parsed) -> Result<(), Fault> {
        let root = &parsed.root;
        let Some(object) = self.schema.object(parsed.object) else {
            return Err(Fault::new(root.offset, format!("no object file for '{}'", parsed.object)));
        };
        expect_root(root, "CustomField")?;
        let name = full_name(root, parsed.field.unwrap_or_default(), Some(parsed.object))?;
        // A standard field's file customizes a field the schema already describes better.
        if !field_file::is_custom(name) && object.field(name).is_some() {
            return Ok(());
        }
        let object = object.name.clone();
        match field_file::read(name, root)? {
            Some(field) => self.add_field(&object, field),
            None => Ok(()),
        }
    }

    /// Adds `file`'s field to `object` once its parent, if any, is known, and the child
    /// relationship to the parent.
    fn add_field(&mut self, object: &str, file: FieldFile) -> Result<(), Fault> {
        let FieldFile { mut field, parent } = file;
        if let Some(parent) = parent {
            let Some(target) = self.schema.object_mut(&parent.object) else {
                return Err(Fault::new(parent.offset, format!("<referenceTo>: no object named '{}'", parent.object)));
            };
            if let FieldType::Reference { to, .. } = &mut field.ty {
                *to = vec![target.name.clone()];
            }
            if let Some(relationship) = parent.relationship_name {
                let name = if field_file::is_custom(&field.name) { format!("{relationship}__r") } else { relationship };
                target.add_child(ChildRelationship { name, child: object.to_string(), field: field.name.clone() });
            }
        }
        if let Some(object) = self.schema.object_mut(object) {
            object.add_field(field);
        }
        Ok(())
    }

    /// Reports a fault in an object file, or in a field file, and for an object file
    /// remembers that its fields are not to load.
    fn fail(&mut self, file: &ObjectFile, object: &str, field: Option<&str>, fault: Fault) {
        if field.is_none() {
            self.failed.insert(object.to_ascii_lowercase());
        }
        self.report(file, fault);
    }

    fn report(&mut self, file: &ObjectFile, fault: Fault) {
        let (line, column) = line_column(file.text, fault.offset);
        self.errors.push(MetadataError { path: file.path.to_string(), line, column, message: fault.message });
    }
}

/// A fault unless the root element is `<expected>`.
fn expect_root(root: &Element, expected: &str) -> Result<(), Fault> {
    if root.name == expected {
        return Ok(());
    }
    Err(Fault::new(root.offset, format!("expected <{expected}>, found <{}>", root.name)))
}

/// The name as `<fullName>` spells it, or `file_name` without one; a fault when the two differ
/// by more than case. A field's `<fullName>` may be qualified with its object (`Account.Tier__c`).
fn full_name<'e>(root: &'e Element, file_name: &'e str, object: Option<&str>) -> Result<&'e str, Fault> {
    let Some(element) = root.child("fullName").filter(|e| !e.text().is_empty()) else {
        return Ok(file_name);
    };
    let written = element.text();
    let name = match (object, written.split_once('.')) {
        (Some(object), Some((qualifier, name))) if qualifier.eq_ignore_ascii_case(object) => name,
        _ => written,
    };
    if name.eq_ignore_ascii_case(file_name) {
        return Ok(name);
    }
    Err(Fault::new(element.offset, format!("<fullName> '{written}' does not match the file name '{file_name}'")))
}
