//! Fast paths for the shapes that dominate loops and recursion: Integer arithmetic and
//! comparisons on locals and constants, in-place `i++` and assignments to locals. Each
//! returns `None` when its shape or operand types do not apply, and the general path runs.

use super::Interp;
use crate::ir::{Expr, Place};
use crate::value::Value;
use apex_syntax::ast::BinaryOp;

impl Interp<'_> {
    /// A local or a constant, borrowed without evaluation.
    #[inline(always)]
    fn peek<'a>(&'a self, e: &'a Expr) -> Option<&'a Value> {
        match e {
            Expr::Local(slot) => self.stack.get(self.bp + *slot as usize),
            Expr::Const(v) => Some(v),
            _ => None,
        }
    }

    /// The object `this` or a local refers to, borrowed.
    #[inline(always)]
    fn peek_object(&self, e: &Expr) -> Option<&crate::value::Instance> {
        let value = match e {
            Expr::This => &self.this,
            Expr::Local(slot) => self.stack.get(self.bp + *slot as usize)?,
            _ => return None,
        };
        match value {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Reads field `slot` of `this`, of a local, or of `this.a` / `local.a`, in place: neither
    /// the objects on the way nor the field's value are cloned unless `read` does so.
    #[inline(always)]
    fn with_field<R>(&self, target: &Expr, slot: u32, read: impl FnOnce(&Value) -> Option<R>) -> Option<R> {
        if let Some(object) = self.peek_object(target) {
            return read(object.fields.borrow().get(slot as usize)?);
        }
        let Expr::Field(inner, inner_slot) = target else {
            return None;
        };
        let outer = self.peek_object(inner)?;
        let fields = outer.fields.borrow();
        let Value::Object(object) = fields.get(*inner_slot as usize)? else {
            return None;
        };
        let result = read(object.fields.borrow().get(slot as usize)?);
        result
    }

    /// `this.f`, `local.f` and `this.a.f`, cloned out of the object.
    #[inline(always)]
    pub(super) fn fast_field(&self, target: &Expr, slot: u32) -> Option<Value> {
        self.with_field(target, slot, |v| Some(v.clone()))
    }

    /// An Integer held by a local, a constant, a field, or an element `list[i]` of a local list.
    /// Locals and constants are checked inline; the rest out of line.
    #[inline(always)]
    fn int_operand(&self, e: &Expr) -> Option<i32> {
        match e {
            Expr::Local(slot) => match self.stack.get(self.bp + *slot as usize)? {
                Value::Integer(i) => Some(*i),
                _ => None,
            },
            Expr::Const(Value::Integer(i)) => Some(*i),
            Expr::Field(..) | Expr::Index(..) => self.int_operand_slow(e),
            _ => None,
        }
    }

    /// Fields and list elements; `int_operand` handles locals and constants itself.
    #[inline(never)]
    fn int_operand_slow(&self, e: &Expr) -> Option<i32> {
        match e {
            Expr::Field(target, slot) => self.with_field(target, *slot, |v| match v {
                Value::Integer(i) => Some(*i),
                _ => None,
            }),
            Expr::Index(target, index) => {
                let i = usize::try_from(self.int_operand(index)?).ok()?;
                if let Some(Value::List(list)) = self.peek(target) {
                    return match list.items.borrow().get(i)? {
                        Value::Integer(v) => Some(*v),
                        _ => None,
                    };
                }
                // `m[r][c]`: a row of a local list of lists.
                let Expr::Index(outer, row) = &**target else {
                    return None;
                };
                let r = usize::try_from(self.int_operand(row)?).ok()?;
                let Value::List(rows) = self.peek(outer)? else {
                    return None;
                };
                let rows = rows.items.borrow();
                let Value::List(cells) = rows.get(r)? else {
                    return None;
                };
                let cells = cells.items.borrow();
                match cells.get(i)? {
                    Value::Integer(v) => Some(*v),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Two Integer operands without evaluating anything that could have effects.
    #[inline(always)]
    fn int_operands(&self, l: &Expr, r: &Expr) -> Option<(i32, i32)> {
        Some((self.int_operand(l)?, self.int_operand(r)?))
    }

    /// `this.f = value` or `local.f = value`.
    #[inline(always)]
    fn fast_field_store(&mut self, target: &Expr, slot: u32, value: &Expr) -> Option<Result<(), super::Throw>> {
        self.peek_object(target)?;
        let value = match self.fast_scalar(value).map(Fast::into_value) {
            Some(v) => v,
            None => match self.eval(value) {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            },
        };
        // The value's evaluation may have reassigned the local: look the object up again.
        let Some(object) = self.peek_object(target) else {
            return Some(Err(super::Throw::null_pointer()));
        };
        let mut fields = object.fields.borrow_mut();
        *fields.get_mut(slot as usize)? = value;
        Some(Ok(()))
    }

    /// `list[i] = value` where the list is a local and `i` an Integer in range.
    #[inline(always)]
    pub(super) fn fast_index_store(&mut self, place: &Place, value: &Expr) -> Option<Result<(), super::Throw>> {
        let Place::Index(target, index) = place else {
            return None;
        };
        let i = usize::try_from(self.int_operand(index)?).ok()?;
        let Value::List(list) = self.peek(target)? else {
            return None;
        };
        if i >= list.items.borrow().len() {
            return None;
        }
        let list = list.clone();
        let value = match self.fast_scalar(value).map(Fast::into_value) {
            Some(v) => v,
            None => match self.eval(value) {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            },
        };
        let mut items = list.items.borrow_mut();
        match items.get_mut(i) {
            Some(slot) => {
                *slot = value;
                Some(Ok(()))
            }
            // The value's evaluation shrank the list: report it like any other bad index.
            None => Some(Err(crate::stdlib::list::out_of_bounds(i32::try_from(i).unwrap_or(i32::MAX)))),
        }
    }

    /// `a op b` on Integer locals or constants, as a scalar: small results travel in registers,
    /// where a `Value` would go through memory.
    #[inline(always)]
    pub(super) fn fast_binary(&self, op: BinaryOp, l: &Expr, r: &Expr) -> Option<Fast> {
        let (a, b) = self.int_operands(l, r)?;
        Some(match op {
            BinaryOp::Add => Fast::Int(a.wrapping_add(b)),
            BinaryOp::Sub => Fast::Int(a.wrapping_sub(b)),
            BinaryOp::Mul => Fast::Int(a.wrapping_mul(b)),
            BinaryOp::Div if b != 0 => Fast::Int(a.wrapping_div(b)),
            _ => Fast::Bool(int_compare(op, a, b)?),
        })
    }

    /// A condition `a < b` (and friends) on Integer locals or constants.
    #[inline(always)]
    pub(super) fn fast_condition(&self, e: &Expr) -> Option<bool> {
        match e {
            Expr::Binary(op, l, r) => {
                let (a, b) = self.int_operands(l, r)?;
                int_compare(*op, a, b)
            }
            Expr::Local(slot) => match self.stack.get(self.bp + *slot as usize)? {
                Value::Boolean(b) => Some(*b),
                _ => None,
            },
            Expr::Not(inner) => self.fast_condition_slow(inner).map(|b| !b),
            Expr::Index(..) => self.fast_condition_slow(e),
            _ => None,
        }
    }

    /// A Boolean local or a Boolean element `list[i]` of a local list.
    #[inline(never)]
    fn fast_condition_slow(&self, e: &Expr) -> Option<bool> {
        match e {
            Expr::Local(slot) => match self.stack.get(self.bp + *slot as usize)? {
                Value::Boolean(b) => Some(*b),
                _ => None,
            },
            Expr::Index(target, index) => {
                let i = usize::try_from(self.int_operand(index)?).ok()?;
                let Value::List(list) = self.peek(target)? else {
                    return None;
                };
                match list.items.borrow().get(i)? {
                    Value::Boolean(b) => Some(*b),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `i++`, `i--`, `++i`, `--i` on an Integer local, in place.
    #[inline(always)]
    pub(super) fn fast_step(&mut self, place: &Place, delta: i8, prefix: bool) -> Option<i32> {
        let Place::Local(slot) = place else {
            return None;
        };
        let index = self.bp + *slot as usize;
        match self.stack.get_mut(index)? {
            Value::Integer(i) => {
                let old = *i;
                *i = old.wrapping_add(delta as i32);
                Some(if prefix { *i } else { old })
            }
            _ => None,
        }
    }

    /// An expression statement whose value is unused: assignments to locals store without
    /// copying the value back out. Returns false when the general path must run.
    #[inline(always)]
    pub(super) fn fast_statement(&mut self, e: &Expr) -> Option<Result<(), super::Throw>> {
        match e {
            Expr::Assign(place, value) => {
                if let Place::Field(target, slot) = &**place {
                    return self.fast_field_store(target, *slot, value);
                }
                let Place::Local(slot) = **place else {
                    return self.fast_index_store(place, value);
                };
                let index = self.bp + slot as usize;
                if let Some(scalar) = self.fast_scalar(value) {
                    // Build the value in its slot: no temporary `Value` to copy.
                    let target = self.stack.get_mut(index)?;
                    match scalar {
                        Fast::Int(i) => *target = Value::Integer(i),
                        Fast::Bool(b) => *target = Value::Boolean(b),
                    }
                    return Some(Ok(()));
                }
                let value = match self.eval(value) {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                };
                self.stack[index] = value;
                Some(Ok(()))
            }
            Expr::Step { place, delta, prefix } => self.fast_step(place, *delta, *prefix).map(|_| Ok(())),
            _ => None,
        }
    }

    /// `list[i]` where the list is a local and the index an Integer local or constant.
    #[inline(always)]
    pub(super) fn fast_index(&self, target: &Expr, index: &Expr) -> Option<Value> {
        let (Value::List(list), Value::Integer(i)) = (self.peek(target)?, self.peek(index)?) else {
            return None;
        };
        let items = list.items.borrow();
        usize::try_from(*i).ok().and_then(|i| items.get(i)).cloned()
    }

    /// A scalar for an Integer operand or a fast binary operation.
    #[inline(always)]
    pub(super) fn fast_scalar(&self, e: &Expr) -> Option<Fast> {
        match e {
            Expr::Binary(op, l, r) => self.fast_binary(*op, l, r),
            _ => self.int_operand(e).map(Fast::Int),
        }
    }
}

#[inline(always)]
fn int_compare(op: BinaryOp, a: i32, b: i32) -> Option<bool> {
    Some(match op {
        BinaryOp::Lt => a < b,
        BinaryOp::Le => a <= b,
        BinaryOp::Gt => a > b,
        BinaryOp::Ge => a >= b,
        BinaryOp::Eq | BinaryOp::ExactEq => a == b,
        BinaryOp::Ne | BinaryOp::ExactNe => a != b,
        _ => return None,
    })
}

/// The result of a fast path: a scalar that becomes a `Value` only where one is needed.
#[derive(Clone, Copy)]
pub(super) enum Fast {
    Int(i32),
    Bool(bool),
}

impl Fast {
    #[inline(always)]
    pub(super) fn into_value(self) -> Value {
        match self {
            Fast::Int(i) => Value::Integer(i),
            Fast::Bool(b) => Value::Boolean(b),
        }
    }
}
