//! Statement compilation, and the "can this statement complete normally" analysis behind
//! "Missing return statement".

use super::body::Body;
use super::expr::{compile_coerced, compile_cond, compile_expr};
use crate::ir::{self, CatchClause, Expr, StmtKind, SwitchArm, SwitchPattern};
use crate::types::{ClassId, Ty};
use crate::value::Value;
use apex_syntax::ast::{self, Block, Stmt, WhenPattern};
use apex_syntax::Spanned;

pub(super) fn compile_block_stmts(b: &mut Body, block: &Block) -> Vec<ir::Stmt> {
    block.stmts.iter().map(|s| compile_stmt(b, s)).collect()
}

fn scoped_block(b: &mut Body, block: &Block) -> StmtKind {
    b.push_scope();
    let stmts = compile_block_stmts(b, block);
    b.pop_scope();
    StmtKind::Block(stmts)
}

/// A nested statement (loop or branch body) gets its own scope. A block of one statement is
/// that statement: slots are already resolved, so the block would only cost a dispatch.
fn nested(b: &mut Body, s: &Spanned<Stmt>) -> Box<ir::Stmt> {
    b.push_scope();
    let stmt = compile_stmt(b, s);
    b.pop_scope();
    match stmt.kind {
        StmtKind::Block(mut stmts) if stmts.len() == 1 => Box::new(stmts.remove(0)),
        kind => Box::new(ir::Stmt { kind, span: stmt.span }),
    }
}

pub(super) fn compile_stmt(b: &mut Body, s: &Spanned<Stmt>) -> ir::Stmt {
    let kind = match &s.node {
        Stmt::Block(block) => scoped_block(b, block),
        // Reassigning a `final` local is not checked yet.
        Stmt::Local { ty, declarators, .. } => return compile_local(b, ty, declarators, s),
        Stmt::Expr(e) => StmtKind::Expr(compile_expr(b, e).0),
        Stmt::If { cond, then, otherwise } => {
            let cond = compile_cond(b, cond);
            let then = nested(b, then);
            let otherwise = otherwise.as_ref().map(|o| nested(b, o));
            StmtKind::If(cond, then, otherwise)
        }
        Stmt::While { cond, body } => {
            let cond = compile_cond(b, cond);
            StmtKind::While(cond, loop_body(b, body))
        }
        Stmt::DoWhile { body, cond } => {
            let body = loop_body(b, body);
            StmtKind::DoWhile(body, compile_cond(b, cond))
        }
        Stmt::For { init, cond, update, body } => {
            b.push_scope();
            let init = init.iter().map(|i| compile_stmt(b, i)).collect();
            let cond = cond.as_ref().map(|c| compile_cond(b, c));
            let update = update.iter().map(|u| compile_expr(b, u).0).collect();
            let body = loop_body(b, body);
            b.pop_scope();
            StmtKind::For { init, cond, update, body }
        }
        Stmt::ForEach { ty, name, iterable, body } => {
            let (mut iterable, iterable_ty) = compile_expr(b, iterable);
            b.push_scope();
            let ty = b.resolve_type(ty);
            if is_soql_batch_loop(&ty, &iterable_ty) {
                iterable = super::calls::native_call(&crate::stdlib::list::SOQL_BATCHES, vec![iterable], false);
            }
            let slot = b.declare(name, ty);
            let body = loop_body(b, body);
            b.pop_scope();
            StmtKind::ForEach { slot, iterable, body }
        }
        Stmt::Switch { subject, arms } => compile_switch(b, subject, arms),
        Stmt::Return(value) => compile_return(b, value.as_ref(), s),
        Stmt::Throw(e) => StmtKind::Throw(compile_expr(b, e).0),
        Stmt::Break | Stmt::Continue if b.loops == 0 => {
            b.c.error("Break and continue statements must be in a loop", s.span);
            StmtKind::Block(Vec::new())
        }
        Stmt::Break => StmtKind::Break,
        Stmt::Continue => StmtKind::Continue,
        Stmt::Try { body, catches, finally } => compile_try(b, body, catches, finally.as_ref()),
        Stmt::Dml { op, access, target, extra } => {
            let as_user = access.as_ref().is_some_and(|a| a.as_str().eq_ignore_ascii_case("user"));
            compile_dml(b, *op, target, extra.as_ref(), as_user, s.span)
        }
        // The block runs as the user: it starts with the switch and ends, however it ends,
        // with the switch back.
        Stmt::RunAs { user, body } => {
            use crate::stdlib::security::{RUN_AS_BEGIN, RUN_AS_END};
            let user = super::expr::compile_expr(b, user).0;
            let begin = ir::Stmt {
                kind: StmtKind::Expr(super::calls::native_call(&RUN_AS_BEGIN, vec![user], false)),
                span: s.span,
            };
            let body = Box::new(ir::Stmt { kind: scoped_block(b, &body.node), span: body.span });
            let end = ir::Stmt {
                kind: StmtKind::Expr(super::calls::native_call(&RUN_AS_END, Vec::new(), false)),
                span: s.span,
            };
            let guarded = ir::Stmt {
                kind: StmtKind::Try { body, catches: Vec::new(), finally: Some(Box::new(end)) },
                span: s.span,
            };
            StmtKind::Block(vec![begin, guarded])
        }
        Stmt::Empty | Stmt::Error => StmtKind::Block(Vec::new()),
    };
    ir::Stmt { kind, span: s.span }
}

/// `insert x;` and friends: a call into the DML module with the record or list.
fn compile_dml(
    b: &mut Body,
    op: ast::DmlOp,
    target: &Spanned<ast::Expr>,
    extra: Option<&Spanned<ast::Expr>>,
    as_user: bool,
    span: apex_syntax::Span,
) -> StmtKind {
    use crate::stdlib::dml;
    let native = match op {
        ast::DmlOp::Insert => &dml::INSERT,
        ast::DmlOp::Update => &dml::UPDATE,
        ast::DmlOp::Delete => &dml::DELETE,
        ast::DmlOp::Undelete => &dml::UNDELETE,
        ast::DmlOp::Upsert if extra.is_none() => &dml::UPSERT,
        ast::DmlOp::Upsert => &dml::UPSERT_BY,
        ast::DmlOp::Merge => {
            b.c.unsupported("merge", span);
            return StmtKind::Expr(Expr::Unsupported("merge".into()));
        }
    };
    let (expr, ty) = super::expr::compile_expr(b, target);
    let fits = match &ty {
        Ty::SObject(_) | Ty::Any | Ty::Object => true,
        Ty::List(element) => matches!(**element, Ty::SObject(_) | Ty::Any | Ty::Object),
        _ => false,
    };
    if !fits {
        let name = b.c.ty_name(&ty);
        b.c.error(format!("DML requires SObject or SObject list type: {name}"), target.span);
    }
    let mut args = vec![expr];
    if let Some(key) = extra {
        let key = match &key.node {
            // `upsert records Code__c;` names a field of the records, not a variable.
            ast::Expr::Name(field) => Expr::Const(crate::value::Value::string(field.as_str())),
            _ => super::expr::compile_expr(b, key).0,
        };
        args.push(key);
    }
    // `insert as user x;` passes AccessLevel.USER_MODE last, as `Database.insert` takes it.
    if let (true, Some(user_mode)) = (as_user, crate::stdlib::SysEnum::AccessLevel.value("USER_MODE")) {
        args.push(Expr::Const(user_mode));
    }
    StmtKind::Expr(super::calls::native_call(native, args, false))
}

fn loop_body(b: &mut Body, body: &Spanned<Stmt>) -> Box<ir::Stmt> {
    b.loops += 1;
    let body = nested(b, body);
    b.loops -= 1;
    body
}

fn compile_local(
    b: &mut Body,
    ty: &Spanned<ast::TypeRef>,
    declarators: &[Spanned<ast::Declarator>],
    s: &Spanned<Stmt>,
) -> ir::Stmt {
    let ty = b.resolve_type(ty);
    let mut stmts = Vec::new();
    for decl in declarators {
        // The initializer is compiled before the name exists: `Integer x = x;` is an error.
        let init = decl.init.as_ref().map(|i| compile_coerced(b, i, &ty, "assignment"));
        let slot = b.declare(&decl.name, ty.clone());
        stmts.push(ir::Stmt { kind: StmtKind::Local(slot, init), span: decl.span });
    }
    if stmts.len() == 1 {
        if let Some(only) = stmts.pop() {
            return ir::Stmt { kind: only.kind, span: s.span };
        }
    }
    ir::Stmt { kind: StmtKind::Block(stmts), span: s.span }
}

fn compile_return(b: &mut Body, value: Option<&Spanned<ast::Expr>>, s: &Spanned<Stmt>) -> StmtKind {
    let ret = b.ret.clone();
    match value {
        None if ret != Ty::Void && !ret.is_loose() => {
            let name = b.c.ty_name(&ret);
            b.c.error(format!("Missing return value for return type: {name}"), s.span);
            StmtKind::Return(None)
        }
        None => StmtKind::Return(None),
        Some(e) if ret == Ty::Void => {
            b.c.error("Void method must not return a value", e.span);
            StmtKind::Return(Some(compile_expr(b, e).0))
        }
        Some(e) => StmtKind::Return(Some(compile_coerced(b, e, &ret, "return"))),
    }
}

fn compile_switch(b: &mut Body, subject: &Spanned<ast::Expr>, arms: &[Spanned<ast::WhenArm>]) -> StmtKind {
    let (subject_ir, subject_ty) = compile_expr(b, subject);
    let mut out = Vec::new();
    let mut otherwise = None;
    for arm in arms {
        match &arm.pattern {
            WhenPattern::Else => {
                b.push_scope();
                otherwise = Some(Box::new(ir::Stmt { kind: scoped_block(b, &arm.body.node), span: arm.span }));
                b.pop_scope();
            }
            WhenPattern::Values(values) if loose_enum_names(&subject_ty, values) => {
                let names = values
                    .iter()
                    .filter_map(|v| match &v.node {
                        ast::Expr::Name(n) => Some(n.as_str().to_string()),
                        _ => None,
                    })
                    .collect();
                let body = ir::Stmt { kind: scoped_block(b, &arm.body.node), span: arm.span };
                out.push(SwitchArm { pattern: SwitchPattern::EnumNames(names), body });
            }
            WhenPattern::Values(values) => {
                let values = values.iter().map(|v| when_value(b, v, &subject_ty)).collect();
                let body = ir::Stmt { kind: scoped_block(b, &arm.body.node), span: arm.span };
                out.push(SwitchArm { pattern: SwitchPattern::Values(values), body });
            }
            WhenPattern::Type { ty, name } => {
                b.push_scope();
                let ty = b.resolve_type(ty);
                let slot = b.declare(name, ty.clone());
                let body = ir::Stmt { kind: scoped_block(b, &arm.body.node), span: arm.span };
                b.pop_scope();
                out.push(SwitchArm { pattern: SwitchPattern::Type(ty, slot), body });
            }
        }
    }
    StmtKind::Switch { subject: subject_ir, arms: out, otherwise }
}

/// Bare names under a subject whose type the compiler does not model (a system enum, or a
/// loosely typed value) are enum constants matched by name at run time.
fn loose_enum_names(subject: &Ty, values: &[Spanned<ast::Expr>]) -> bool {
    matches!(subject, Ty::Any | Ty::System(_) | Ty::Object)
        && values.iter().all(|v| matches!(v.node, ast::Expr::Name(_)))
}

/// A `when` value: a literal, `null`, or an enum constant (unqualified for enum subjects).
fn when_value(b: &mut Body, v: &Spanned<ast::Expr>, subject: &Ty) -> Value {
    if let (Ty::Class(id), ast::Expr::Name(name)) = (subject, &v.node) {
        if let Some(value) = enum_constant(b, *id, name.as_str()) {
            return value;
        }
    }
    match compile_expr(b, v).0 {
        Expr::Const(value) => value,
        _ => {
            b.c.error("When expressions must be literals or enum values", v.span);
            Value::Null
        }
    }
}

pub(super) fn enum_constant(b: &Body, class: ClassId, name: &str) -> Option<Value> {
    let info = b.c.program.class(class);
    let ordinal = info.enum_constants.iter().position(|c| c.eq_ignore_ascii_case(name))?;
    Some(Value::Enum(crate::value::EnumValue { ty: class, ordinal: ordinal as u32 }))
}

fn compile_try(
    b: &mut Body,
    body: &Spanned<Block>,
    catches: &[Spanned<ast::Catch>],
    finally: Option<&Spanned<Block>>,
) -> StmtKind {
    let body = Box::new(ir::Stmt { kind: scoped_block(b, &body.node), span: body.span });
    let mut clauses = Vec::new();
    for catch in catches {
        b.push_scope();
        let ty = b.resolve_type(&catch.ty);
        let class = match ty {
            Ty::Class(id) if b.c.program.class(id).is_exception => id,
            Ty::Any => ClassId(0),
            _ => {
                let name = b.c.ty_name(&ty);
                b.c.error(format!("Catch block variable must be of type exception: {name}"), catch.ty.span);
                ClassId(0)
            }
        };
        let slot = b.declare(&catch.name, Ty::Class(class));
        let body = ir::Stmt { kind: scoped_block(b, &catch.body.node), span: catch.body.span };
        b.pop_scope();
        clauses.push(CatchClause { class, slot, body });
    }
    let finally = finally.map(|f| Box::new(ir::Stmt { kind: scoped_block(b, &f.node), span: f.span }));
    StmtKind::Try { body, catches: clauses, finally }
}

/// True when control can reach the end of the block (so a non-void method needs a return).
pub(super) fn can_complete(block: &Block) -> bool {
    block.stmts.iter().all(|s| stmt_completes(&s.node))
}

fn stmt_completes(s: &Stmt) -> bool {
    match s {
        Stmt::Return(_) | Stmt::Throw(_) => false,
        Stmt::Block(block) => can_complete(block),
        Stmt::If { then, otherwise: Some(otherwise), .. } => {
            stmt_completes(&then.node) || stmt_completes(&otherwise.node)
        }
        Stmt::While { cond, body } => !is_true(&cond.node) || has_break(&body.node),
        Stmt::DoWhile { body, cond } => (stmt_completes(&body.node) && !is_true(&cond.node)) || has_break(&body.node),
        Stmt::For { cond: None, body, .. } => has_break(&body.node),
        Stmt::Try { body, catches, finally } => {
            if let Some(f) = finally {
                if !can_complete(&f.node) {
                    return false;
                }
            }
            can_complete(&body.node) || catches.iter().any(|c| can_complete(&c.body.node))
        }
        Stmt::Switch { arms, .. } => {
            let has_else = arms.iter().any(|a| matches!(a.pattern, WhenPattern::Else));
            !has_else || arms.iter().any(|a| can_complete(&a.body.node))
        }
        _ => true,
    }
}

fn is_true(e: &ast::Expr) -> bool {
    matches!(e, ast::Expr::Literal(ast::Literal::Boolean(true)))
}

/// True when a `break` inside `s` would leave the loop whose body `s` is.
fn has_break(s: &Stmt) -> bool {
    match s {
        Stmt::Break => true,
        Stmt::Block(block) => block.stmts.iter().any(|s| has_break(&s.node)),
        Stmt::If { then, otherwise, .. } => {
            has_break(&then.node) || otherwise.as_ref().is_some_and(|o| has_break(&o.node))
        }
        Stmt::Try { body, catches, finally } => {
            body.stmts.iter().any(|s| has_break(&s.node))
                || catches.iter().any(|c| c.body.stmts.iter().any(|s| has_break(&s.node)))
                || finally.as_ref().is_some_and(|f| f.stmts.iter().any(|s| has_break(&s.node)))
        }
        Stmt::Switch { arms, .. } => arms.iter().any(|a| a.body.stmts.iter().any(|s| has_break(&s.node))),
        _ => false,
    }
}

/// `for (List<Account> batch : records)` over a list of records: the loop takes the rows in
/// batches, as a SOQL for loop does.
fn is_soql_batch_loop(variable: &Ty, iterable: &Ty) -> bool {
    let (Ty::List(wanted), Ty::List(element)) = (variable, iterable) else {
        return false;
    };
    matches!(**wanted, Ty::SObject(_)) && matches!(**element, Ty::SObject(_))
}
