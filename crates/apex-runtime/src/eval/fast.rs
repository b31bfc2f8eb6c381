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

    /// Two Integer operands when both are locals or constants holding Integers.
    #[inline(always)]
    fn int_operands(&self, l: &Expr, r: &Expr) -> Option<(i32, i32)> {
        match (self.peek(l)?, self.peek(r)?) {
            (Value::Integer(a), Value::Integer(b)) => Some((*a, *b)),
            _ => None,
        }
    }

    /// `a op b` on Integer locals or constants.
    #[inline(always)]
    pub(super) fn fast_binary(&self, op: BinaryOp, l: &Expr, r: &Expr) -> Option<Value> {
        let (a, b) = self.int_operands(l, r)?;
        Some(match op {
            BinaryOp::Add => Value::Integer(a.wrapping_add(b)),
            BinaryOp::Sub => Value::Integer(a.wrapping_sub(b)),
            BinaryOp::Mul => Value::Integer(a.wrapping_mul(b)),
            BinaryOp::Div if b != 0 => Value::Integer(a.wrapping_div(b)),
            _ => Value::Boolean(int_compare(op, a, b)?),
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
            _ => None,
        }
    }

    /// `i++`, `i--`, `++i`, `--i` on an Integer local, in place.
    #[inline(always)]
    pub(super) fn fast_step(&mut self, place: &Place, delta: i8, prefix: bool) -> Option<Value> {
        let Place::Local(slot) = place else {
            return None;
        };
        let index = self.bp + *slot as usize;
        match self.stack.get_mut(index)? {
            Value::Integer(i) => {
                let old = *i;
                *i = old.wrapping_add(delta as i32);
                Some(Value::Integer(if prefix { *i } else { old }))
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
                let Place::Local(slot) = **place else {
                    return None;
                };
                let value = match self.fast_binary_of(value) {
                    Some(v) => v,
                    None => match self.eval(value) {
                        Ok(v) => v,
                        Err(e) => return Some(Err(e)),
                    },
                };
                let index = self.bp + slot as usize;
                self.stack[index] = value;
                Some(Ok(()))
            }
            Expr::Step { place, delta, prefix } => self.fast_step(place, *delta, *prefix).map(|_| Ok(())),
            _ => None,
        }
    }

    /// `x += y` (and friends) on an Integer local with an Integer operand, in place.
    #[inline(always)]
    pub(super) fn fast_compound(&mut self, place: &Place, op: BinaryOp, value: &Value) -> Option<Value> {
        let Place::Local(slot) = place else {
            return None;
        };
        let Value::Integer(b) = value else {
            return None;
        };
        let index = self.bp + *slot as usize;
        let Value::Integer(a) = self.stack.get_mut(index)? else {
            return None;
        };
        *a = match op {
            BinaryOp::Add => a.wrapping_add(*b),
            BinaryOp::Sub => a.wrapping_sub(*b),
            BinaryOp::Mul => a.wrapping_mul(*b),
            _ => return None,
        };
        Some(Value::Integer(*a))
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

    /// `this.field` without touching the reference count of `this`.
    #[inline(always)]
    pub(super) fn fast_this_field(&self, target: &Expr, slot: u32) -> Option<Value> {
        let (Expr::This, Value::Object(object)) = (target, &self.this) else {
            return None;
        };
        object.fields.borrow().get(slot as usize).cloned()
    }

    #[inline(always)]
    fn fast_binary_of(&self, e: &Expr) -> Option<Value> {
        match e {
            Expr::Binary(op, l, r) => self.fast_binary(*op, l, r),
            _ => None,
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
