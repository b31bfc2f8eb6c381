//! Where a compiled expression's result goes. A builder hands its closure to a sink, which
//! wraps it into what the context needs: a value, an effect, a whole statement (`x = y;`,
//! `return y;`, `T x = y;`) or, for conditions, an `if`. The wrapper and the expression end
//! up in one closure, so a statement costs one indirect call rather than two.

use super::{CondCode, EffectCode, StmtCode, ValueCode};
use crate::eval::stmt::Flow;
use crate::eval::{Interp, Throw};
use crate::ir::Expr;
use crate::value::Value;
use apex_syntax::Span;

/// Receives a closure that computes a value or runs for its effect.
pub(super) trait Sink<'h>: Sized + 'h {
    type Out;

    /// Whether the value is used; when not, builders may hand over an effect instead.
    const WANTS_VALUE: bool = true;

    fn value<F>(self, f: F) -> Self::Out
    where
        F: Fn(&mut Interp<'h>) -> Result<Value, Throw> + 'h;

    /// An effect where a value is expected yields null.
    fn effect<F>(self, f: F) -> Self::Out
    where
        F: Fn(&mut Interp<'h>) -> Result<(), Throw> + 'h,
    {
        self.value(move |i| f(i).map(|()| Value::Null))
    }

    /// An already boxed value closure.
    fn boxed(self, code: ValueCode<'h>) -> Self::Out {
        self.value(move |i| code(i))
    }
}

/// The value itself.
pub(super) struct AsValue;

impl<'h> Sink<'h> for AsValue {
    type Out = ValueCode<'h>;

    fn value<F>(self, f: F) -> ValueCode<'h>
    where
        F: Fn(&mut Interp<'h>) -> Result<Value, Throw> + 'h,
    {
        Box::new(f)
    }

    fn boxed(self, code: ValueCode<'h>) -> ValueCode<'h> {
        code
    }
}

/// The effect only, as in a `for` loop's update.
pub(super) struct AsEffect;

impl<'h> Sink<'h> for AsEffect {
    type Out = EffectCode<'h>;
    const WANTS_VALUE: bool = false;

    fn value<F>(self, f: F) -> EffectCode<'h>
    where
        F: Fn(&mut Interp<'h>) -> Result<Value, Throw> + 'h,
    {
        Box::new(move |i| f(i).map(Value::discard))
    }

    fn effect<F>(self, f: F) -> EffectCode<'h>
    where
        F: Fn(&mut Interp<'h>) -> Result<(), Throw> + 'h,
    {
        Box::new(f)
    }
}

/// An expression statement: records its span, then runs for its effect.
pub(super) struct AsStatement(pub Span);

impl<'h> Sink<'h> for AsStatement {
    type Out = StmtCode<'h>;
    const WANTS_VALUE: bool = false;

    fn value<F>(self, f: F) -> StmtCode<'h>
    where
        F: Fn(&mut Interp<'h>) -> Result<Value, Throw> + 'h,
    {
        self.effect(move |i| f(i).map(Value::discard))
    }

    fn effect<F>(self, f: F) -> StmtCode<'h>
    where
        F: Fn(&mut Interp<'h>) -> Result<(), Throw> + 'h,
    {
        let span = self.0;
        Box::new(move |i| {
            i.span = span;
            f(i)?;
            Ok(Flow::Normal)
        })
    }
}

/// `return value;`.
pub(super) struct AsReturn(pub Span);

impl<'h> Sink<'h> for AsReturn {
    type Out = StmtCode<'h>;

    fn value<F>(self, f: F) -> StmtCode<'h>
    where
        F: Fn(&mut Interp<'h>) -> Result<Value, Throw> + 'h,
    {
        let span = self.0;
        Box::new(move |i| {
            i.span = span;
            let value = f(i)?;
            Value::store(&mut i.ret, value);
            Ok(Flow::Return)
        })
    }
}

/// `T x = value;`: the value goes into the local's slot.
pub(super) struct AsLocal(pub Span, pub usize);

impl<'h> Sink<'h> for AsLocal {
    type Out = StmtCode<'h>;

    fn value<F>(self, f: F) -> StmtCode<'h>
    where
        F: Fn(&mut Interp<'h>) -> Result<Value, Throw> + 'h,
    {
        let AsLocal(span, slot) = self;
        Box::new(move |i| {
            i.span = span;
            let value = f(i)?;
            let at = i.bp + slot;
            Value::store_result(&mut i.stack[at], value);
            Ok(Flow::Normal)
        })
    }
}

/// Receives a closure that decides a condition.
pub(super) trait CondSink<'h>: Sized + 'h {
    type Out;

    fn test<F>(self, f: F) -> Self::Out
    where
        F: Fn(&mut Interp<'h>) -> Result<bool, Throw> + 'h;
}

/// The condition itself.
pub(super) struct AsCond;

impl<'h> CondSink<'h> for AsCond {
    type Out = CondCode<'h>;

    fn test<F>(self, f: F) -> CondCode<'h>
    where
        F: Fn(&mut Interp<'h>) -> Result<bool, Throw> + 'h,
    {
        Box::new(f)
    }
}

/// A condition used as a Boolean value, passed on to a value sink.
pub(super) struct AsBoolean<S>(pub S);

impl<'h, S: Sink<'h>> CondSink<'h> for AsBoolean<S> {
    type Out = S::Out;

    fn test<F>(self, f: F) -> S::Out
    where
        F: Fn(&mut Interp<'h>) -> Result<bool, Throw> + 'h,
    {
        self.0.value(move |i| Ok(Value::Boolean(f(i)?)))
    }
}

/// `if (condition) then else otherwise`.
pub(super) struct AsIf<'h> {
    pub span: Span,
    pub then: StmtCode<'h>,
    pub otherwise: Option<StmtCode<'h>>,
}

impl<'h> CondSink<'h> for AsIf<'h> {
    type Out = StmtCode<'h>;

    fn test<F>(self, f: F) -> StmtCode<'h>
    where
        F: Fn(&mut Interp<'h>) -> Result<bool, Throw> + 'h,
    {
        let AsIf { span, then, otherwise } = self;
        match otherwise {
            None => Box::new(move |i| {
                i.span = span;
                if f(i)? {
                    then(i)
                } else {
                    Ok(Flow::Normal)
                }
            }),
            Some(otherwise) => Box::new(move |i| {
                i.span = span;
                if f(i)? {
                    then(i)
                } else {
                    otherwise(i)
                }
            }),
        }
    }
}

/// `for (init; condition; update) body` and `while (condition) body`.
pub(super) struct AsLoop<'h> {
    pub span: Span,
    pub init: Box<[StmtCode<'h>]>,
    pub update: Update<'h>,
    pub body: StmtCode<'h>,
}

/// A loop's update: `i++` on a local (the usual case) is done in the loop's own closure.
pub(super) enum Update<'h> {
    Nothing,
    /// `local++`/`local--` (either form); `whole` runs through `eval` when the local is not
    /// an Integer.
    Step {
        slot: usize,
        delta: i32,
        whole: &'h Expr,
    },
    Effects(Box<[EffectCode<'h>]>),
}

impl<'h> Update<'h> {
    #[inline(always)]
    fn run(&self, i: &mut Interp<'h>) -> Result<(), Throw> {
        match self {
            Update::Nothing => Ok(()),
            Update::Step { slot, delta, whole } => super::place::step_local_effect(i, *slot, *delta, whole),
            Update::Effects(effects) => {
                for effect in effects.iter() {
                    effect(i)?;
                }
                Ok(())
            }
        }
    }
}

impl<'h> CondSink<'h> for AsLoop<'h> {
    type Out = StmtCode<'h>;

    fn test<F>(self, f: F) -> StmtCode<'h>
    where
        F: Fn(&mut Interp<'h>) -> Result<bool, Throw> + 'h,
    {
        let AsLoop { span, init, update, body } = self;
        Box::new(move |i| {
            i.span = span;
            for s in init.iter() {
                s(i)?;
            }
            while f(i)? {
                if let Some(exit) = super::stmt::pass(i, &body)? {
                    return Ok(exit);
                }
                update.run(i)?;
            }
            Ok(Flow::Normal)
        })
    }
}
