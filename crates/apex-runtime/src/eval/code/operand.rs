//! Binary operators as closures, specialized at compile time on the operands' shapes (a local,
//! an Integer constant, anything else) and on the operator, with an inline Integer path and
//! the general `binary` for every other operand type.

use super::place::{element, Simple};
use super::sink::{AsBoolean, CondSink, Sink};
use super::{expr, ValueCode};
use crate::eval::{Interp, Throw};
use crate::ir::Expr;
use crate::value::Value;
use apex_syntax::ast::BinaryOp;

/// Where an operand comes from; each kind reads its value its own way, inlined.
pub(super) trait Operand<'h>: 'h {
    fn get(&self, i: &mut Interp<'h>) -> Result<Value, Throw>;

    /// The operand's Integer when it can be read without evaluating anything.
    #[inline(always)]
    fn peek_int(&self, _: &Interp<'h>) -> Option<i32> {
        None
    }
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

    #[inline(always)]
    fn peek_int(&self, i: &Interp<'h>) -> Option<i32> {
        match &i.stack[i.bp + self.0] {
            Value::Integer(n) => Some(*n),
            _ => None,
        }
    }
}

impl<'h> Operand<'h> for IntOp {
    #[inline(always)]
    fn get(&self, _: &mut Interp<'h>) -> Result<Value, Throw> {
        Ok(Value::Integer(self.0))
    }

    #[inline(always)]
    fn peek_int(&self, _: &Interp<'h>) -> Option<i32> {
        Some(self.0)
    }
}

impl<'h> Operand<'h> for CodeOp<'h> {
    #[inline(always)]
    fn get(&self, i: &mut Interp<'h>) -> Result<Value, Throw> {
        (self.0)(i)
    }
}

/// An element `list[index]` of a local list with a simple index, read in place; `general`
/// evaluates it when the element is not simply there (null list, index out of range).
pub(super) struct ElementOp<'h> {
    list: usize,
    at: Simple,
    general: ValueCode<'h>,
}

impl<'h> Operand<'h> for ElementOp<'h> {
    #[inline(always)]
    fn get(&self, i: &mut Interp<'h>) -> Result<Value, Throw> {
        match element(i.local_list(self.list), self.at.int(i)) {
            Some(v) => Ok(v),
            None => (self.general)(i),
        }
    }

    #[inline(always)]
    fn peek_int(&self, i: &Interp<'h>) -> Option<i32> {
        let at = usize::try_from(self.at.int(i)?).ok()?;
        match i.local_list(self.list)?.items.borrow().get(at)? {
            Value::Integer(n) => Some(*n),
            _ => None,
        }
    }
}

/// `l op r` as a value.
pub(super) fn binary<'h, S: Sink<'h>>(op: BinaryOp, l: &'h Expr, r: &'h Expr, sink: S) -> S::Out {
    use BinaryOp::*;
    match op {
        Add => valued(op, l, r, Arith(|a: i32, b| Some(a.wrapping_add(b)), |a: i64, b| Some(a.wrapping_add(b))), sink),
        Sub => valued(op, l, r, Arith(|a: i32, b| Some(a.wrapping_sub(b)), |a: i64, b| Some(a.wrapping_sub(b))), sink),
        Mul => valued(op, l, r, Arith(|a: i32, b| Some(a.wrapping_mul(b)), |a: i64, b| Some(a.wrapping_mul(b))), sink),
        // Division by zero is a MathException: the general path throws it.
        Div => valued(
            op,
            l,
            r,
            Arith(|a: i32, b| (b != 0).then(|| a.wrapping_div(b)), |a: i64, b| (b != 0).then(|| a.wrapping_div(b))),
            sink,
        ),
        Lt | Le | Gt | Ge | Eq | ExactEq | Ne | ExactNe => compare(op, l, r, AsBoolean(sink)),
        _ => valued(op, l, r, Arith(|_: i32, _| None, |_: i64, _| None), sink),
    }
}

/// A comparison `l op r` as a condition.
pub(super) fn compare<'h, S: CondSink<'h>>(op: BinaryOp, l: &'h Expr, r: &'h Expr, sink: S) -> S::Out {
    use BinaryOp::*;
    match op {
        Lt => tested(op, l, r, |a: i64, b| a < b, sink),
        Le => tested(op, l, r, |a: i64, b| a <= b, sink),
        Gt => tested(op, l, r, |a: i64, b| a > b, sink),
        Ge => tested(op, l, r, |a: i64, b| a >= b, sink),
        Eq | ExactEq => tested(op, l, r, |a: i64, b| a == b, sink),
        _ => tested(op, l, r, |a: i64, b| a != b, sink),
    }
}

/// Whether `op` compares its operands.
pub(super) fn is_comparison(op: BinaryOp) -> bool {
    use BinaryOp::*;
    matches!(op, Lt | Le | Gt | Ge | Eq | ExactEq | Ne | ExactNe)
}

/// What an operand is, for choosing its reader.
enum Kind<'h> {
    Local(usize),
    Int(i32),
    /// `list[index]` with the list in a local and a simple index.
    Element(usize, Simple),
    Other(&'h Expr),
}

fn kind(e: &Expr) -> Kind<'_> {
    match e {
        Expr::Local(slot) => Kind::Local(*slot as usize),
        Expr::Const(Value::Integer(n)) => Kind::Int(*n),
        Expr::Index(list, index) => match (&**list, Simple::of(index)) {
            (Expr::Local(list), Some(at)) => Kind::Element(*list as usize, at),
            _ => Kind::Other(e),
        },
        _ => Kind::Other(e),
    }
}

/// Picks the right operand's reader, with the left one already chosen.
macro_rules! by_right {
    ($r:expr, $build:ident, $left:expr) => {
        match kind($r) {
            Kind::Local(b) => $build!($left, LocalOp(b)),
            Kind::Int(b) => $build!($left, IntOp(b)),
            Kind::Element(list, at) => $build!($left, ElementOp { list, at, general: expr::compile($r) }),
            Kind::Other(r) => $build!($left, CodeOp(expr::compile(r))),
        }
    };
}

/// Picks the operand kinds, then builds the closure for them: `$build!(left, right)`. A
/// constant on the left is rare and is read through a closure.
macro_rules! by_operands {
    ($l:expr, $r:expr, $build:ident) => {
        match kind($l) {
            Kind::Local(a) => by_right!($r, $build, LocalOp(a)),
            Kind::Element(list, at) => by_right!($r, $build, ElementOp { list, at, general: expr::compile($l) }),
            Kind::Int(_) | Kind::Other(_) => by_right!($r, $build, CodeOp(expr::compile($l))),
        }
    };
}

/// An arithmetic operator on Integers and on Longs; `None` leaves the case (division by
/// zero) to the general path.
#[derive(Clone, Copy)]
struct Arith<I, L>(I, L);

fn valued<'h, I, L, S>(op: BinaryOp, l: &'h Expr, r: &'h Expr, int: Arith<I, L>, sink: S) -> S::Out
where
    I: Fn(i32, i32) -> Option<i32> + Copy + 'h,
    L: Fn(i64, i64) -> Option<i64> + Copy + 'h,
    S: Sink<'h>,
{
    macro_rules! build {
        ($a:expr, $b:expr) => {
            valued_with(op, $a, $b, int, sink)
        };
    }
    by_operands!(l, r, build)
}

fn valued_with<'h, A, B, I, L, S>(op: BinaryOp, l: A, r: B, arith: Arith<I, L>, sink: S) -> S::Out
where
    A: Operand<'h>,
    B: Operand<'h>,
    I: Fn(i32, i32) -> Option<i32> + 'h,
    L: Fn(i64, i64) -> Option<i64> + 'h,
    S: Sink<'h>,
{
    sink.value(move |i| {
        // Locals and constants are read in place; only evaluated operands become values.
        if let Some(x) = l.peek_int(i) {
            if let Some(v) = r.peek_int(i).and_then(|y| (arith.0)(x, y)) {
                return Ok(Value::Integer(v));
            }
        }
        let a = l.get(i)?;
        let b = r.get(i)?;
        // Matching by reference reads tag and payload where they are, without a 16-byte copy.
        let ints = match (&a, &b) {
            (Value::Integer(x), Value::Integer(y)) => Some((*x, *y)),
            _ => None,
        };
        if let Some(v) = ints.and_then(|(x, y)| (arith.0)(x, y)) {
            a.discard();
            b.discard();
            return Ok(Value::Integer(v));
        }
        match longs(&a, &b).and_then(|(x, y)| (arith.1)(x, y)) {
            Some(v) => {
                a.discard();
                b.discard();
                Ok(Value::Long(v))
            }
            None => general(i, op, a, b),
        }
    })
}

/// Two operands of which one is a Long and the other an Integer or a Long, widened.
#[inline(always)]
pub(super) fn longs(a: &Value, b: &Value) -> Option<(i64, i64)> {
    match (a, b) {
        (Value::Long(x), Value::Long(y)) => Some((*x, *y)),
        (Value::Long(x), Value::Integer(y)) => Some((*x, *y as i64)),
        (Value::Integer(x), Value::Long(y)) => Some((*x as i64, *y)),
        _ => None,
    }
}

/// Any operand types: the evaluator's `binary`.
#[inline(never)]
fn general(i: &mut Interp<'_>, op: BinaryOp, a: Value, b: Value) -> Result<Value, Throw> {
    i.binary(op, &a, &b).map_err(|e| i.materialize(e))
}

fn tested<'h, F, S>(op: BinaryOp, l: &'h Expr, r: &'h Expr, int: F, sink: S) -> S::Out
where
    F: Fn(i64, i64) -> bool + Copy + 'h,
    S: CondSink<'h>,
{
    macro_rules! build {
        ($a:expr, $b:expr) => {
            tested_with(op, $a, $b, int, sink)
        };
    }
    by_operands!(l, r, build)
}

fn tested_with<'h, L, R, F, S>(op: BinaryOp, l: L, r: R, int: F, sink: S) -> S::Out
where
    L: Operand<'h>,
    R: Operand<'h>,
    F: Fn(i64, i64) -> bool + 'h,
    S: CondSink<'h>,
{
    sink.test(move |i| {
        if let Some(x) = l.peek_int(i) {
            if let Some(y) = r.peek_int(i) {
                return Ok(int(x as i64, y as i64));
            }
        }
        let a = l.get(i)?;
        let b = r.get(i)?;
        let numbers = match (&a, &b) {
            (Value::Integer(x), Value::Integer(y)) => Some((*x as i64, *y as i64)),
            // `===` keeps its own rules for mixed types.
            _ if matches!(op, BinaryOp::ExactEq | BinaryOp::ExactNe) => None,
            _ => longs(&a, &b),
        };
        match numbers {
            Some((x, y)) => {
                a.discard();
                b.discard();
                Ok(int(x, y))
            }
            None => {
                let result = general(i, op, a, b)?;
                expr::truth(i, result)
            }
        }
    })
}
