//! Static types as the compiler sees them, and the same descriptions at run time for casts,
//! `instanceof`, `System.Type` and the type names in messages.

use std::fmt;

/// Index of a class, interface, enum or exception type in the program's type table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassId(pub u32);

/// An Apex type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    /// A type the compiler could not pin down; checked only at run time.
    Any,
    /// The type of the `null` literal: assignable to everything.
    Null,
    Void,
    Object,
    Boolean,
    Integer,
    Long,
    Double,
    Decimal,
    String,
    Id,
    Blob,
    Date,
    Datetime,
    Time,
    List(Box<Ty>),
    Set(Box<Ty>),
    Map(Box<Ty>, Box<Ty>),
    /// A user class, interface or enum, or a built-in exception.
    Class(ClassId),
    /// `System.Type`.
    Type,
    /// A system class the runtime knows by name (`Math`, `System`, `Http`, ...).
    System(&'static str),
    /// An sObject type by API name (`Account`), or the generic `SObject` when `None`.
    SObject(Option<String>),
}

impl Ty {
    pub fn is_numeric(&self) -> bool {
        matches!(self, Ty::Integer | Ty::Long | Ty::Double | Ty::Decimal)
    }

    /// Rank in the widening order Integer < Long < Double < Decimal.
    pub fn numeric_rank(&self) -> Option<u8> {
        match self {
            Ty::Integer => Some(0),
            Ty::Long => Some(1),
            Ty::Double => Some(2),
            Ty::Decimal => Some(3),
            _ => None,
        }
    }

    /// True for types whose static checks are skipped.
    pub fn is_loose(&self) -> bool {
        matches!(self, Ty::Any | Ty::Null)
    }

    pub fn list_of(element: Ty) -> Ty {
        Ty::List(Box::new(element))
    }

    /// The element type when this is a List or Set.
    pub fn element(&self) -> Option<&Ty> {
        match self {
            Ty::List(e) | Ty::Set(e) => Some(e),
            _ => None,
        }
    }
}

/// Writes a type the way compile errors name it, given a way to name classes.
pub fn write_ty(f: &mut dyn fmt::Write, ty: &Ty, class_name: &dyn Fn(ClassId) -> String, runtime: bool) -> fmt::Result {
    let simple = match ty {
        Ty::Any => "ANY",
        Ty::Null => "NULL",
        Ty::Void => "void",
        Ty::Object if runtime => "ANY",
        Ty::Object => "Object",
        Ty::Boolean => "Boolean",
        Ty::Integer => "Integer",
        Ty::Long => "Long",
        Ty::Double => "Double",
        Ty::Decimal => "Decimal",
        Ty::String => "String",
        Ty::Id => "Id",
        Ty::Blob => "Blob",
        Ty::Date => "Date",
        Ty::Datetime => "Datetime",
        Ty::Time => "Time",
        Ty::Type => "System.Type",
        Ty::System(name) => name,
        Ty::SObject(None) => "SObject",
        Ty::SObject(Some(name)) => name,
        Ty::Class(id) => return f.write_str(&class_name(*id)),
        Ty::List(e) => {
            f.write_str("List<")?;
            write_ty(f, e, class_name, runtime)?;
            return f.write_str(">");
        }
        Ty::Set(e) => {
            f.write_str("Set<")?;
            write_ty(f, e, class_name, runtime)?;
            return f.write_str(">");
        }
        Ty::Map(k, v) => {
            f.write_str("Map<")?;
            write_ty(f, k, class_name, runtime)?;
            f.write_str(",")?;
            write_ty(f, v, class_name, runtime)?;
            return f.write_str(">");
        }
    };
    f.write_str(simple)
}
