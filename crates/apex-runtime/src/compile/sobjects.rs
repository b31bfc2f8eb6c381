//! sObject fields at compile time: a field of a known object gets the Apex type of its schema
//! type, a relationship name the parent's sObject type, a child relationship a list of the
//! child's. Fields a standard object's built-in schema does not know (the many standard
//! fields it leaves out) are typed loosely and checked by the store at run time. A custom
//! object's fields all come from the project's objects/ metadata, so a field it lacks is the
//! platform's compile error.

use super::body::Body;
use crate::types::Ty;
use apex_data::schema::FieldType;
use apex_syntax::ast::Name;

/// The field's name as the schema spells it (as written when unknown) and its Apex type.
pub(super) fn field(b: &mut Body, object: Option<&str>, name: &Name) -> Option<(String, Ty)> {
    let written = name.as_str();
    let Some(schema) = object.and_then(|o| b.c.program.schema.object(o)) else {
        return Some((written.to_string(), Ty::Any));
    };
    if let Some(field) = schema.field(written) {
        return Some((field.name.clone(), apex_type(&field.ty)));
    }
    if let Some(reference) = schema.relationship(written) {
        if let FieldType::Reference { to, relationship } = &reference.ty {
            let parent = if to.len() == 1 { Some(to[0].clone()) } else { None };
            return Some((relationship.clone(), Ty::SObject(parent)));
        }
    }
    if let Some(child) = schema.child(written) {
        return Some((child.name.clone(), Ty::list_of(Ty::SObject(Some(child.child.clone())))));
    }
    // A custom object's fields all come from the project's metadata, so one it does not
    // list does not exist.
    if schema.custom {
        let message = format!("Invalid field {written} for {}", schema.name);
        b.c.error(message, name.span);
        return None;
    }
    Some((written.to_string(), Ty::Any))
}

/// The Apex type of a field of this schema type.
pub fn apex_type(ty: &FieldType) -> Ty {
    match ty {
        FieldType::Id | FieldType::Reference { .. } => Ty::Id,
        FieldType::Boolean => Ty::Boolean,
        FieldType::Int => Ty::Integer,
        FieldType::Double | FieldType::Currency | FieldType::Percent => Ty::Decimal,
        FieldType::Date => Ty::Date,
        FieldType::DateTime => Ty::Datetime,
        FieldType::Time => Ty::Time,
        FieldType::Address => Ty::System(crate::stdlib::address::CLASS),
        _ => Ty::String,
    }
}
