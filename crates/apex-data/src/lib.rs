//! The org's data, shared by the interpreter (DML and SOQL in Apex) and the emulated org's REST
//! API: the sObject schema, record Ids, and the record store on SQLite.

pub mod access;
pub mod calendar;
pub mod ids;
pub mod metadata_xml;
pub mod schema;
pub mod soql;
pub mod sosl;
pub mod store;

pub use ids::{Id, IdMinter};
pub use schema::{FieldType, ObjectSchema, Schema};
pub use store::{FieldValue, OrgSeed, Record, Stamp, Store, StoreError, Upserted};
