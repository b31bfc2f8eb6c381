//! The compiler: turns parsed units into a [`Program`]. It declares every type first, then
//! lays out fields and method signatures (parents before children), builds the dispatch
//! tables, and finally compiles method bodies with every name resolved.

mod body;
mod calls;
pub(crate) mod declare;
mod describe;
mod expr;
pub(crate) mod external;
mod names;
pub(crate) mod sobjects;
mod soql;
mod stmt;
pub mod system;
mod types;

use crate::ir::{MethodId, SigId};
use crate::program::{MethodInfo, Program};
use crate::types::Ty;
use apex_syntax::ast::Unit;
use apex_syntax::{Diagnostic, FileId, Span};

/// Codes of the compiler's diagnostics.
pub mod codes {
    /// A compile error in the platform's wording.
    pub const COMPILE_ERROR: &str = "C001";
    /// Something the tool does not support yet; it faults only if reached.
    pub const UNSUPPORTED: &str = "W001";
}

/// One parsed file to compile.
#[derive(Clone, Copy)]
pub struct SourceUnit<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub unit: &'a Unit,
}

/// The compiled program and what the compiler had to say about it.
pub struct Compiled {
    pub program: Program,
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == apex_syntax::Severity::Error)
    }
}

/// Compiles classes and at most one anonymous script against the org's schema.
pub fn compile(units: &[SourceUnit], schema: apex_data::Schema) -> Compiled {
    compile_with(units, schema, Vec::new())
}

/// Compiles with the org's External Service registrations, whose classes the code may use.
pub fn compile_with(
    units: &[SourceUnit],
    schema: apex_data::Schema,
    services: Vec<apex_external_services::Service>,
) -> Compiled {
    let program = Program { schema, ..Program::default() };
    let mut compiler = Compiler { program, diagnostics: Vec::new(), unsupported_seen: Default::default() };
    for unit in units {
        compiler.program.lines.insert(unit.file, line_starts(unit.text));
    }
    declare::add_builtins(&mut compiler.program);
    let pending = declare::declare_types(&mut compiler, units);
    external::declare_services(&mut compiler, &services);
    compiler.program.external_services = services;
    let work = declare::layout_all(&mut compiler, &pending);
    declare::build_vtables(&mut compiler.program);
    body::compile_bodies(&mut compiler, work);
    body::compile_script(&mut compiler, units);
    Compiled { program: compiler.program, diagnostics: compiler.diagnostics }
}

pub use declare::add_builtins;

fn line_starts(text: &str) -> Vec<u32> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1)).collect()
}

pub(crate) struct Compiler {
    pub program: Program,
    pub diagnostics: Vec<Diagnostic>,
    unsupported_seen: rustc_hash::FxHashSet<(String, FileId)>,
}

impl Compiler {
    pub fn error(&mut self, message: impl Into<String>, span: Span) {
        self.diagnostics.push(Diagnostic::error(codes::COMPILE_ERROR, message, span));
    }

    pub fn unsupported(&mut self, what: &str, span: Span) {
        let message = format!("{what} is not supported yet");
        // One warning per API and file is enough.
        if !self.unsupported_seen.insert((message.clone(), span.file)) {
            return;
        }
        let mut d = Diagnostic::error(codes::UNSUPPORTED, message, span)
            .with_note("the rest of the code still runs; reaching this raises a fault");
        d.severity = apex_syntax::Severity::Warning;
        self.diagnostics.push(d);
    }

    pub fn intern_sig(&mut self, key: String) -> SigId {
        let next = SigId(self.program.signatures.len() as u32);
        *self.program.signatures.entry(key).or_insert(next)
    }

    pub fn add_method(&mut self, info: MethodInfo) -> MethodId {
        self.program.methods.push(info);
        MethodId(self.program.methods.len() as u32 - 1)
    }

    pub fn ty_name(&self, ty: &Ty) -> String {
        self.program.ty_name(ty)
    }

    /// The dispatch key of a method: case-folded name and parameter types.
    pub fn sig_key(&self, name: &str, params: &[Ty]) -> String {
        let params: Vec<String> = params.iter().map(|p| self.program.runtime_ty_name(p).to_ascii_lowercase()).collect();
        format!("{}({})", name.to_ascii_lowercase(), params.join(","))
    }
}
