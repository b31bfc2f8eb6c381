//! Closure compilation: the first time a method runs, its compiled IR becomes a tree of Rust
//! closures, so each node's shape (a local, an Integer constant, `a < b`, a static call) is
//! decided once instead of on every evaluation. Shapes without a closure of their own run
//! through the tree-walking evaluator, which stays the reference semantics: every closure
//! here behaves exactly like the `eval`/`exec` arm it replaces.

mod call;
mod expr;
mod operand;
mod place;
mod sink;
mod stmt;

use super::stmt::Flow;
use super::{Interp, Throw};
use crate::ir::MethodId;
use crate::value::Value;
use std::rc::Rc;

/// An expression that yields a value.
pub(super) type ValueCode<'h> = Box<dyn Fn(&mut Interp<'h>) -> Result<Value, Throw> + 'h>;
/// A condition: a Boolean that must not be null.
pub(super) type CondCode<'h> = Box<dyn Fn(&mut Interp<'h>) -> Result<bool, Throw> + 'h>;
/// An expression run for its effect only.
pub(super) type EffectCode<'h> = Box<dyn Fn(&mut Interp<'h>) -> Result<(), Throw> + 'h>;
/// A statement.
pub(super) type StmtCode<'h> = Box<dyn Fn(&mut Interp<'h>) -> Result<Flow, Throw> + 'h>;

/// A method body's statements as closures.
pub(super) type BodyCode<'h> = Rc<[StmtCode<'h>]>;

impl<'h> Interp<'h> {
    /// The closures of a method's body, compiled on first use.
    #[inline]
    pub(super) fn body_code(&mut self, method: MethodId) -> BodyCode<'h> {
        if let Some(Some(code)) = self.code.get(method.0 as usize) {
            return Rc::clone(code);
        }
        self.compile_body(method)
    }

    #[inline(never)]
    fn compile_body(&mut self, method: MethodId) -> BodyCode<'h> {
        let program: &'h crate::program::Program = self.program;
        let code: BodyCode<'h> = program.method(method).body.iter().map(stmt::compile).collect();
        if let Some(entry) = self.code.get_mut(method.0 as usize) {
            *entry = Some(Rc::clone(&code));
        }
        code
    }
}
