//! Statements as closures: expression statements, locals, blocks, `if`, the loops (with the
//! governor tick), `return`, `break`, `continue` and `try`. `switch on` and `throw` call the
//! tree-walking `exec`. Like `exec`, each statement records its span when it starts, and a
//! loop body's block does not record its own.

use super::sink::{AsIf, AsLocal, AsLoop, AsReturn, AsStatement, Update};
use super::{expr, EffectCode, StmtCode};
use crate::eval::stmt::Flow;
use crate::eval::{Interp, Throw};
use crate::ir::{CatchClause, Expr, Place, Stmt, StmtKind, SwitchArm, SwitchPattern};
use crate::types::ClassId;
use crate::value::Value;

pub(super) fn compile<'h>(s: &'h Stmt) -> StmtCode<'h> {
    let span = s.span;
    match &s.kind {
        StmtKind::Expr(e) => expr::build_effect(e, AsStatement(span)),
        StmtKind::Local(slot, Some(init)) => expr::build(init, AsLocal(span, *slot as usize)),
        StmtKind::Local(slot, None) => {
            let slot = *slot as usize;
            Box::new(move |i| {
                i.span = span;
                let at = i.bp + slot;
                i.stack[at] = Value::Null;
                Ok(Flow::Normal)
            })
        }
        StmtKind::Block(stmts) => {
            let body = block(stmts);
            Box::new(move |i| {
                i.span = span;
                run_block(i, &body)
            })
        }
        StmtKind::If(cond, then, otherwise) => {
            let (then, otherwise) = (compile(then), otherwise.as_deref().map(compile));
            expr::build_condition(cond, AsIf { span, then, otherwise })
        }
        StmtKind::While(cond, body) => {
            let (init, update, body) = (Box::default(), Update::Nothing, loop_body(body));
            expr::build_condition(cond, AsLoop { span, init, update, body })
        }
        StmtKind::DoWhile(body, cond) => {
            let (body, cond) = (loop_body(body), expr::condition(cond));
            Box::new(move |i| {
                i.span = span;
                loop {
                    if let Some(exit) = pass(i, &body)? {
                        return Ok(exit);
                    }
                    if !cond(i)? {
                        break;
                    }
                }
                Ok(Flow::Normal)
            })
        }
        StmtKind::For { init, cond, update, body } => for_loop(span, init, cond.as_ref(), update, body),
        StmtKind::ForEach { slot, iterable, body } => for_each(span, *slot, iterable, body),
        StmtKind::Return(Some(value)) => expr::build(value, AsReturn(span)),
        StmtKind::Return(None) => Box::new(move |i| {
            i.span = span;
            i.ret = Value::Null;
            Ok(Flow::Return)
        }),
        StmtKind::Break => Box::new(move |i| {
            i.span = span;
            Ok(Flow::Break)
        }),
        StmtKind::Continue => Box::new(move |i| {
            i.span = span;
            Ok(Flow::Continue)
        }),
        StmtKind::Try { body, catches, finally } => try_catch(span, body, catches, finally.as_deref()),
        StmtKind::Switch { subject, arms, otherwise } => switch(span, subject, arms, otherwise.as_deref()),
        StmtKind::Throw(_) => Box::new(move |i| i.exec(s).map_err(|t| i.materialize(t))),
    }
}

/// One pass of a loop: the governor tick, then the body. `Some(flow)` ends the loop with that
/// flow (`break` ends it normally, `return` passes through).
#[inline(always)]
pub(super) fn pass<'h>(i: &mut Interp<'h>, body: &StmtCode<'h>) -> Result<Option<Flow>, Throw> {
    i.tick()?;
    Ok(match body(i)? {
        Flow::Break => Some(Flow::Normal),
        Flow::Return => Some(Flow::Return),
        Flow::Normal | Flow::Continue => None,
    })
}

fn block<'h>(stmts: &'h [Stmt]) -> Box<[StmtCode<'h>]> {
    stmts.iter().map(compile).collect()
}

#[inline(always)]
fn run_block<'h>(i: &mut Interp<'h>, stmts: &[StmtCode<'h>]) -> Result<Flow, Throw> {
    for s in stmts {
        let flow = s(i)?;
        if flow != Flow::Normal {
            return Ok(flow);
        }
    }
    Ok(Flow::Normal)
}

/// A loop body: a block's statements run without the block recording its span.
fn loop_body<'h>(body: &'h Stmt) -> StmtCode<'h> {
    match &body.kind {
        StmtKind::Block(stmts) => {
            let stmts = block(stmts);
            Box::new(move |i| run_block(i, &stmts))
        }
        _ => compile(body),
    }
}

fn for_loop<'h>(
    span: apex_syntax::Span,
    init: &'h [Stmt],
    cond: Option<&'h Expr>,
    update: &'h [Expr],
    body: &'h Stmt,
) -> StmtCode<'h> {
    let init = block(init);
    let body = loop_body(body);
    if let Some(cond) = cond {
        let update = match update {
            [] => Update::Nothing,
            [whole @ Expr::Step { place, delta, .. }] => match **place {
                Place::Local(slot) => Update::Step { slot: slot as usize, delta: *delta as i32, whole },
                _ => Update::Effects(update.iter().map(expr::effect).collect()),
            },
            _ => Update::Effects(update.iter().map(expr::effect).collect()),
        };
        return expr::build_condition(cond, AsLoop { span, init, update, body });
    }
    let update: Box<[EffectCode<'h>]> = update.iter().map(expr::effect).collect();
    Box::new(move |i| {
        i.span = span;
        for s in init.iter() {
            s(i)?;
        }
        loop {
            if let Some(exit) = pass(i, &body)? {
                return Ok(exit);
            }
            for u in update.iter() {
                u(i)?;
            }
        }
    })
}

/// `for (T x : items)`, through the walker the tree walker uses.
fn for_each<'h>(span: apex_syntax::Span, slot: u32, iterable: &'h Expr, body: &'h Stmt) -> StmtCode<'h> {
    let (items, body) = (expr::compile(iterable), loop_body(body));
    Box::new(move |i| {
        i.span = span;
        let collection = items(i)?;
        i.for_each_item(slot, collection, |i| body(i))
    })
}

/// `switch on subject`, matching arms as the tree walker does.
fn switch<'h>(
    span: apex_syntax::Span,
    subject: &'h Expr,
    arms: &'h [SwitchArm],
    otherwise: Option<&'h Stmt>,
) -> StmtCode<'h> {
    let subject = expr::compile(subject);
    let arms: Box<[(&'h SwitchPattern, StmtCode<'h>)]> = arms.iter().map(|a| (&a.pattern, compile(&a.body))).collect();
    let otherwise = otherwise.map(compile);
    Box::new(move |i| {
        i.span = span;
        let value = subject(i)?;
        for (pattern, body) in arms.iter() {
            if i.arm_matches(pattern, &value) {
                return body(i);
            }
        }
        match &otherwise {
            Some(body) => body(i),
            None => Ok(Flow::Normal),
        }
    })
}

/// `try`/`catch`/`finally`, as `exec_try` runs it.
fn try_catch<'h>(
    span: apex_syntax::Span,
    body: &'h Stmt,
    catches: &'h [CatchClause],
    finally: Option<&'h Stmt>,
) -> StmtCode<'h> {
    let body = compile(body);
    let clauses: Box<[(ClassId, u32, StmtCode<'h>)]> =
        catches.iter().map(|c| (c.class, c.slot, compile(&c.body))).collect();
    let finally = finally.map(compile);
    Box::new(move |i| {
        i.span = span;
        let mut result = body(i);
        if let Err(thrown) = result {
            result = catch(i, thrown, &clauses);
        }
        let Some(finally) = &finally else {
            return result;
        };
        let span = i.span;
        match finally(i)? {
            Flow::Normal => {
                i.span = span;
                result
            }
            // A `return`/`break` in `finally` replaces whatever was pending.
            other => Ok(other),
        }
    })
}

fn catch<'h>(i: &mut Interp<'h>, thrown: Throw, clauses: &[(ClassId, u32, StmtCode<'h>)]) -> Result<Flow, Throw> {
    let k = i.catch_clause(thrown, clauses.iter().map(|(class, slot, _)| (*class, *slot)))?;
    (clauses[k].2)(i)
}
