//! Statement execution: blocks, branches, the loops (with the governor tick), `switch on`,
//! `try`/`catch`/`finally` and `throw`.

use super::{Interp, Throw};
use crate::ir::{CatchClause, Expr, Stmt, StmtKind, SwitchArm, SwitchPattern};
use crate::types::{ClassId, Ty};
use crate::value::Value;
use std::rc::Rc;

/// How a statement finished when it did not throw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Normal,
    Break,
    Continue,
    Return,
}

impl Interp<'_> {
    pub(super) fn exec(&mut self, stmt: &Stmt) -> Result<Flow, Throw> {
        self.span = stmt.span;
        match &stmt.kind {
            StmtKind::Expr(e) => {
                match self.fast_statement(e) {
                    Some(result) => result.map_err(|e| self.materialize(e))?,
                    None => {
                        self.eval(e)?;
                    }
                }
                Ok(Flow::Normal)
            }
            StmtKind::Local(slot, init) => {
                let value = match init {
                    Some(e) => self.eval(e)?,
                    None => Value::Null,
                };
                self.stack[self.bp + *slot as usize] = value;
                Ok(Flow::Normal)
            }
            StmtKind::Block(stmts) => self.exec_block(stmts),
            StmtKind::If(cond, then, otherwise) => {
                if self.eval_bool(cond)? {
                    self.exec(then)
                } else if let Some(o) = otherwise {
                    self.exec(o)
                } else {
                    Ok(Flow::Normal)
                }
            }
            StmtKind::While(cond, body) => self.exec_while(cond, body),
            StmtKind::DoWhile(body, cond) => self.exec_do_while(body, cond),
            StmtKind::For { init, cond, update, body } => self.exec_for(init, cond.as_ref(), update, body),
            StmtKind::ForEach { slot, iterable, body } => self.exec_for_each(*slot, iterable, body),
            StmtKind::Switch { subject, arms, otherwise } => self.exec_switch(subject, arms, otherwise.as_deref()),
            StmtKind::Return(value) => {
                self.ret = match value {
                    Some(Expr::Local(slot)) => self.stack[self.bp + *slot as usize].clone(),
                    Some(e) => self.eval(e)?,
                    None => Value::Null,
                };
                Ok(Flow::Return)
            }
            StmtKind::Break => Ok(Flow::Break),
            StmtKind::Continue => Ok(Flow::Continue),
            StmtKind::Throw(e) => Err(self.throw_value(e)?),
            StmtKind::Try { body, catches, finally } => self.exec_try(body, catches, finally.as_deref()),
        }
    }

    #[inline(never)]
    fn exec_while(&mut self, cond: &Expr, body: &Stmt) -> Result<Flow, Throw> {
        while self.eval_bool(cond)? {
            self.tick()?;
            if let Some(exit) = self.iteration(body)? {
                return Ok(exit);
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_do_while(&mut self, body: &Stmt, cond: &Expr) -> Result<Flow, Throw> {
        loop {
            self.tick()?;
            if let Some(exit) = self.iteration(body)? {
                return Ok(exit);
            }
            if !self.eval_bool(cond)? {
                break;
            }
        }
        Ok(Flow::Normal)
    }

    /// One pass through a loop body: `Some(flow)` when the loop ends there (`break` ends it
    /// normally, `return` passes through), `None` to go on.
    #[inline(always)]
    fn iteration(&mut self, body: &Stmt) -> Result<Option<Flow>, Throw> {
        Ok(match self.exec_body(body)? {
            Flow::Break => Some(Flow::Normal),
            Flow::Return => Some(Flow::Return),
            Flow::Normal | Flow::Continue => None,
        })
    }

    /// A loop body: a block's statements run here directly, one dispatch fewer per iteration.
    #[inline(always)]
    fn exec_body(&mut self, body: &Stmt) -> Result<Flow, Throw> {
        match &body.kind {
            StmtKind::Block(stmts) => self.exec_block(stmts),
            _ => self.exec(body),
        }
    }

    #[inline]
    fn exec_block(&mut self, stmts: &[Stmt]) -> Result<Flow, Throw> {
        for s in stmts {
            let flow = self.exec(s)?;
            if !matches!(flow, Flow::Normal) {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_for(&mut self, init: &[Stmt], cond: Option<&Expr>, update: &[Expr], body: &Stmt) -> Result<Flow, Throw> {
        for s in init {
            self.exec(s)?;
        }
        loop {
            if let Some(c) = cond {
                if !self.eval_bool(c)? {
                    break;
                }
            }
            self.tick()?;
            if let Some(exit) = self.iteration(body)? {
                return Ok(exit);
            }
            for u in update {
                self.eval(u)?;
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_for_each(&mut self, slot: u32, iterable: &Expr, body: &Stmt) -> Result<Flow, Throw> {
        let collection = self.eval(iterable)?;
        self.for_each_item(slot, collection, |i| i.exec_body(body))
    }

    /// `for (T x : collection)` with `body` as the loop body, for the tree walker and for
    /// compiled code alike: Lists and Sets are walked by position and marked as being
    /// iterated; a user `Iterable` goes through its iterator.
    #[inline(always)]
    pub(super) fn for_each_item<F>(&mut self, slot: u32, collection: Value, mut body: F) -> Result<Flow, Throw>
    where
        F: FnMut(&mut Self) -> Result<Flow, Throw>,
    {
        match &collection {
            Value::List(list) => {
                list.iterating.set(list.iterating.get() + 1);
                let result = self.walk(slot, &mut body, |i| list.items.borrow().get(i).cloned());
                list.iterating.set(list.iterating.get() - 1);
                result
            }
            Value::Set(set) => {
                set.iterating.set(set.iterating.get() + 1);
                let result = self.walk(slot, &mut body, |i| set.items.borrow().get_index(i).map(|k| k.0.clone()));
                set.iterating.set(set.iterating.get() - 1);
                result
            }
            Value::Null => Err(self.materialize(Throw::null_pointer())),
            Value::Object(_) => self.walk_iterable(slot, collection.clone(), body),
            _ => Err(Throw::unsupported("for-each over this kind of value")),
        }
    }

    #[inline(always)]
    fn walk<F>(&mut self, slot: u32, body: &mut F, item: impl Fn(usize) -> Option<Value>) -> Result<Flow, Throw>
    where
        F: FnMut(&mut Self) -> Result<Flow, Throw>,
    {
        let mut i = 0;
        while let Some(value) = item(i) {
            self.tick()?;
            self.stack[self.bp + slot as usize] = value;
            match body(self)? {
                Flow::Break => break,
                Flow::Return => return Ok(Flow::Return),
                Flow::Normal | Flow::Continue => {}
            }
            i += 1;
        }
        Ok(Flow::Normal)
    }

    /// A user `Iterable`: `iterator()`, then `hasNext()`/`next()` until done.
    fn walk_iterable<F>(&mut self, slot: u32, iterable: Value, mut body: F) -> Result<Flow, Throw>
    where
        F: FnMut(&mut Self) -> Result<Flow, Throw>,
    {
        let iterator = self.call_dynamic(iterable, "iterator", Vec::new())?;
        loop {
            self.tick()?;
            let more = self.call_dynamic(iterator.clone(), "hasnext", Vec::new())?;
            match more {
                Value::Boolean(true) => {}
                Value::Boolean(false) => break,
                _ => return Err(Throw::null_pointer()),
            }
            let value = self.call_dynamic(iterator.clone(), "next", Vec::new())?;
            self.stack[self.bp + slot as usize] = value;
            match body(self)? {
                Flow::Break => break,
                Flow::Return => return Ok(Flow::Return),
                Flow::Normal | Flow::Continue => {}
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_switch(&mut self, subject: &Expr, arms: &[SwitchArm], otherwise: Option<&Stmt>) -> Result<Flow, Throw> {
        let value = self.eval(subject)?;
        for arm in arms {
            if self.arm_matches(&arm.pattern, &value) {
                return self.exec(&arm.body);
            }
        }
        match otherwise {
            Some(body) => self.exec(body),
            None => Ok(Flow::Normal),
        }
    }

    /// Whether a `when` arm takes `value`; a type pattern binds the value to its variable.
    pub(super) fn arm_matches(&mut self, pattern: &SwitchPattern, value: &Value) -> bool {
        match pattern {
            SwitchPattern::Values(values) => values.iter().any(|v| when_matches(value, v)),
            SwitchPattern::EnumNames(names) => match value {
                Value::Enum(e) => {
                    let constants = &self.program.class(e.ty).enum_constants;
                    let name = constants.get(e.ordinal as usize).map(String::as_str).unwrap_or_default();
                    names.iter().any(|n| n.eq_ignore_ascii_case(name))
                }
                _ => false,
            },
            SwitchPattern::Type(ty, slot) => {
                let hit = !value.is_null() && self.is_instance(value, ty);
                if hit {
                    self.stack[self.bp + *slot as usize] = value.clone();
                }
                hit
            }
        }
    }

    #[inline(never)]
    fn throw_value(&mut self, e: &Expr) -> Result<Throw, Throw> {
        match self.eval(e)? {
            Value::Object(object) if self.program.class(object.class).is_exception => {
                self.record_stack(&object);
                Ok(Throw::exception(object))
            }
            Value::Null => Err(self.materialize(Throw::null_pointer())),
            _ => Err(Throw::fault(super::Fault::Internal("throw of a non-exception".into()))),
        }
    }

    #[inline(never)]
    fn exec_try(&mut self, body: &Stmt, catches: &[CatchClause], finally: Option<&Stmt>) -> Result<Flow, Throw> {
        let mut result = self.exec(body);
        if let Err(thrown) = result {
            result = match self.catch_clause(thrown, catches.iter().map(|c| (c.class, c.slot))) {
                Ok(k) => self.exec(&catches[k].body),
                Err(thrown) => Err(thrown),
            };
        }
        let Some(finally) = finally else {
            return result;
        };
        let span = self.span;
        match self.exec(finally)? {
            Flow::Normal => {
                self.span = span;
                result
            }
            // A `return`/`break` in `finally` replaces whatever was pending.
            other => Ok(other),
        }
    }

    /// Which of the catch clauses (exception class, variable slot) catches `thrown`: its
    /// position, with the exception bound to the clause's variable; the throw itself when
    /// none does.
    pub(super) fn catch_clause(
        &mut self,
        thrown: Throw,
        clauses: impl Iterator<Item = (ClassId, u32)>,
    ) -> Result<usize, Throw> {
        let thrown = self.materialize(thrown);
        let Some(exception) = thrown.as_exception() else {
            return Err(thrown);
        };
        for (k, (class, slot)) in clauses.enumerate() {
            if self.catches(exception, class) {
                self.stack[self.bp + slot as usize] = Value::Object(Rc::clone(exception));
                return Ok(k);
            }
        }
        Err(thrown)
    }

    pub(super) fn is_instance(&self, value: &Value, ty: &Ty) -> bool {
        super::convert::is_instance(self.program, value, ty)
    }
}

/// `when` matching: exact, case-sensitive for Strings.
fn when_matches(value: &Value, candidate: &Value) -> bool {
    match (value, candidate) {
        (Value::String(a) | Value::Id(a), Value::String(b) | Value::Id(b)) => a == b,
        _ => crate::value::collections::key_eq(value, candidate),
    }
}
