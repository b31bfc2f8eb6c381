//! Binary operators as closures, specialized at compile time on the operands' shapes (a local,
//! an Integer constant, anything else) and on the operator, with an inline Integer path and
//! the general `binary` for every other operand type.

use super::{expr, CondCode, ValueCode};
use crate::eval::{Interp, Throw};
use crate::ir::Expr;
use crate::value::Value;
use apex_syntax::ast::BinaryOp;

/// Where an operand comes from; each kind reads its value its own way, inlined.
pub(super) trait Operand<'h>: 'h {
    fn get(&self, i: &mut Interp<'h>) -> Result<Value, Throw>;
}

/// A local variable's slot.
pub(super) struct LocalOp(pub usize);

/// An Integer constant.
pub(super) struct IntOp(pub i32);

/// Any other expression.
pub(super) struct CodeOp<'h>(pub ValueCode<'h>);

impl<'h> Operand<'h> for LocalOp {
    #[inline(always)]
    fn get(&self, i: &mut Interp<'h>) -> Result<Value, Throw> {
        Ok(i.stack[i.bp + self.0].clone())
    }
}

impl<'h> Operand<'h> for IntOp {
    #[inline(always)]
    fn get(&self, _: &mut Interp<'h>) -> Result<Value, Throw> {
        Ok(Value::Integer(self.0))
    }
}

impl<'h> Operand<'h> for CodeOp<'h> {
    #[inline(always)]
    fn get(&self, i: &mut Interp<'h>) -> Result<Value, Throw> {
        (self.0)(i)
    }
}

/// `l op r` as a value.
pub(super) fn binary<'h>(op: BinaryOp, l: &'h Expr, r: &'h Expr) -> ValueCode<'h> {
    use BinaryOp::*;
    match op {
        Add => valued(op, l, r, |a, b| Some(Value::Integer(a.wrapping_add(b)))),
        Sub => valued(op, l, r, |a, b| Some(Value::Integer(a.wrapping_sub(b)))),
        Mul => valued(op, l, r, |a, b| Some(Value::Integer(a.wrapping_mul(b)))),
        // Division by zero is a MathException: the general path throws it.
        Div => valued(op, l, r, |a, b| (b != 0).then(|| Value::Integer(a.wrapping_div(b)))),
        Lt | Le | Gt | Ge | Eq | ExactEq | Ne | ExactNe => {
            let test = compare(op, l, r);
            Box::new(move |i| Ok(Value::Boolean(test(i)?)))
        }
        _ => valued(op, l, r, |_, _| None),
    }
}

/// A comparison `l op r` as a condition.
pub(super) fn compare<'h>(op: BinaryOp, l: &'h Expr, r: &'h Expr) -> CondCode<'h> {
    use BinaryOp::*;
    match op {
        Lt => tested(op, l, r, |a, b| a < b),
        Le => tested(op, l, r, |a, b| a <= b),
        Gt => tested(op, l, r, |a, b| a > b),
        Ge => tested(op, l, r, |a, b| a >= b),
        Eq | ExactEq => tested(op, l, r, |a, b| a == b),
        _ => tested(op, l, r, |a, b| a != b),
    }
}

/// Whether `op` compares its operands.
pub(super) fn is_comparison(op: BinaryOp) -> bool {
    use BinaryOp::*;
    matches!(op, Lt | Le | Gt | Ge | Eq | ExactEq | Ne | ExactNe)
}

/// Picks the operand kinds, then builds the closure for them: `$build!(left, right)`.
macro_rules! by_operands {
    ($l:expr, $r:expr, $build:ident) => {
        match ($l, $r) {
            (Expr::Local(a), Expr::Const(Value::Integer(b))) => $build!(LocalOp(*a as usize), IntOp(*b)),
            (Expr::Local(a), Expr::Local(b)) => $build!(LocalOp(*a as usize), LocalOp(*b as usize)),
            (l, Expr::Const(Value::Integer(b))) => $build!(CodeOp(expr::compile(l)), IntOp(*b)),
            (Expr::Local(a), r) => $build!(LocalOp(*a as usize), CodeOp(expr::compile(r))),
            (l, Expr::Local(b)) => $build!(CodeOp(expr::compile(l)), LocalOp(*b as usize)),
            (l, r) => $build!(CodeOp(expr::compile(l)), CodeOp(expr::compile(r))),
        }
    };
}

fn valued<'h, F>(op: BinaryOp, l: &'h Expr, r: &'h Expr, int: F) -> ValueCode<'h>
where
    F: Fn(i32, i32) -> Option<Value> + Copy + 'h,
{
    macro_rules! build {
        ($a:expr, $b:expr) => {
            valued_with(op, $a, $b, int)
        };
    }
    by_operands!(l, r, build)
}

fn valued_with<'h, L, R, F>(op: BinaryOp, l: L, r: R, int: F) -> ValueCode<'h>
where
    L: Operand<'h>,
    R: Operand<'h>,
    F: Fn(i32, i32) -> Option<Value> + 'h,
{
    Box::new(move |i| {
        let a = l.get(i)?;
        let b = r.get(i)?;
        if let (Value::Integer(x), Value::Integer(y)) = (&a, &b) {
            if let Some(v) = int(*x, *y) {
                return Ok(v);
            }
        }
        i.binary(op, &a, &b).map_err(|e| i.materialize(e))
    })
}

fn tested<'h, F>(op: BinaryOp, l: &'h Expr, r: &'h Expr, int: F) -> CondCode<'h>
where
    F: Fn(i32, i32) -> bool + Copy + 'h,
{
    macro_rules! build {
        ($a:expr, $b:expr) => {
            tested_with(op, $a, $b, int)
        };
    }
    by_operands!(l, r, build)
}

fn tested_with<'h, L, R, F>(op: BinaryOp, l: L, r: R, int: F) -> CondCode<'h>
where
    L: Operand<'h>,
    R: Operand<'h>,
    F: Fn(i32, i32) -> bool + 'h,
{
    Box::new(move |i| {
        let a = l.get(i)?;
        let b = r.get(i)?;
        if let (Value::Integer(x), Value::Integer(y)) = (&a, &b) {
            return Ok(int(*x, *y));
        }
        let result = i.binary(op, &a, &b).map_err(|e| i.materialize(e))?;
        expr::truth(i, result)
    })
}
