//! Expression compilation: operators with their static result types, assignments to places,
//! conversions inserted where Apex widens implicitly, casts and literals.

use super::body::Body;
use super::{calls, names, types};
use crate::ir::Expr;
use crate::types::Ty;
use crate::value::Value;
use apex_syntax::ast::{self, BinaryOp, Literal, UnaryOp};
use apex_syntax::Spanned;
use std::rc::Rc;

/// Compiles an expression and returns it with its static type.
pub(super) fn compile_expr(b: &mut Body, e: &Spanned<ast::Expr>) -> (Expr, Ty) {
    match &e.node {
        ast::Expr::Field { .. } | ast::Expr::Call { .. } | ast::Expr::Index { .. } => {
            let (expr, ty, safe) = chain(b, e);
            if safe {
                (Expr::SafeScope(Box::new(expr)), ty)
            } else {
                (expr, ty)
            }
        }
        _ => compile_plain(b, e),
    }
}

/// Compiles a member-access chain; the flag says whether it holds a `?.`.
pub(super) fn chain(b: &mut Body, e: &Spanned<ast::Expr>) -> (Expr, Ty, bool) {
    match &e.node {
        ast::Expr::Field { target, name, safe } => names::field(b, target, name, *safe, e.span),
        ast::Expr::Call { target, name, args, safe } => calls::call(b, target.as_deref(), name, args, *safe, e.span),
        ast::Expr::Index { target, index } => {
            let (target, target_ty, safe) = chain(b, target);
            let (index, index_ty) = compile_expr(b, index);
            if !index_ty.is_loose() && index_ty != Ty::Integer {
                let name = b.c.ty_name(&index_ty);
                b.c.error(format!("Illegal assignment from {name} to Integer"), e.span);
            }
            let ty = match &target_ty {
                Ty::List(element) => (**element).clone(),
                Ty::Any | Ty::Object => Ty::Any,
                other => {
                    let name = b.c.ty_name(other);
                    b.c.error(format!("Expression must be a list type: {name}"), e.span);
                    Ty::Any
                }
            };
            (Expr::Index(Box::new(target), Box::new(index)), ty, safe)
        }
        _ => {
            let (expr, ty) = compile_expr(b, e);
            (expr, ty, false)
        }
    }
}

fn compile_plain(b: &mut Body, e: &Spanned<ast::Expr>) -> (Expr, Ty) {
    match &e.node {
        ast::Expr::Literal(lit) => literal(b, lit, e),
        ast::Expr::Name(ident) => names::name(b, ident, e.span),
        ast::Expr::This => {
            if b.is_static || b.class.is_none() {
                b.c.error("This cannot be referenced in a static context", e.span);
            }
            (Expr::This, b.class.map(Ty::Class).unwrap_or(Ty::Any))
        }
        ast::Expr::Super => {
            b.c.error("Super cannot be used here", e.span);
            (Expr::This, Ty::Any)
        }
        ast::Expr::New(new) => calls::new(b, new, e.span),
        ast::Expr::Unary { op, operand } => unary(b, *op, operand, e),
        ast::Expr::Binary { op, lhs, rhs } => binary(b, *op, lhs, rhs, e),
        ast::Expr::Assign { op, target, value } => assign(b, *op, target, value, e),
        ast::Expr::Ternary { cond, then, otherwise } => {
            let cond = compile_cond(b, cond);
            let (then, then_ty) = compile_expr(b, then);
            let (otherwise, other_ty) = compile_expr(b, otherwise);
            let ty = common_type(b, &then_ty, &other_ty);
            (Expr::Ternary(Box::new(cond), Box::new(then), Box::new(otherwise)), ty)
        }
        ast::Expr::Cast { ty, operand } => {
            let target = b.resolve_type(ty);
            let (operand, from) = compile_expr(b, operand);
            if !types::castable(b.c, &from, &target) {
                let (f, t) = (b.c.ty_name(&from), b.c.ty_name(&target));
                b.c.error(format!("Incompatible types since an instance of {f} is never an instance of {t}"), e.span);
            }
            (Expr::Cast(target.clone(), Box::new(operand)), target)
        }
        ast::Expr::InstanceOf { operand, ty } => {
            let (operand, from) = compile_expr(b, operand);
            let ty = b.resolve_type(ty);
            let related = !from.is_loose() && from != Ty::Object && !matches!(from, Ty::System(_) | Ty::SObject(_));
            let always =
                from == ty || matches!((&from, &ty), (Ty::Class(a), Ty::Class(c)) if b.c.program.is_subclass(*a, *c));
            if related && always {
                let (f, t) = (b.c.ty_name(&from), b.c.ty_name(&ty));
                b.c.error(
                    format!(
                        "Operation instanceof is always true since an instance of {f} is always an instance of {t}"
                    ),
                    e.span,
                );
            }
            (Expr::InstanceOf(Box::new(operand), ty), Ty::Boolean)
        }
        ast::Expr::ClassLiteral(ty) => {
            let ty = b.resolve_type(ty);
            (Expr::Const(Value::Type(Rc::new(ty))), Ty::Type)
        }
        ast::Expr::Paren(inner) => compile_expr(b, inner),
        ast::Expr::Soql(query) => super::soql::compile(b, query),
        ast::Expr::Sosl(search) => super::soql::compile_search(b, search),
        ast::Expr::Field { .. } | ast::Expr::Call { .. } | ast::Expr::Index { .. } => compile_expr(b, e),
        ast::Expr::Error => (Expr::Unsupported("code with syntax errors".into()), Ty::Any),
    }
}

fn literal(b: &mut Body, lit: &Literal, e: &Spanned<ast::Expr>) -> (Expr, Ty) {
    let (value, ty) = match lit {
        Literal::Integer(i) => (Value::Integer(*i), Ty::Integer),
        Literal::Long(l) => (Value::Long(*l), Ty::Long),
        Literal::Boolean(v) => (Value::Boolean(*v), Ty::Boolean),
        Literal::String(s) => (Value::string(s.as_str()), Ty::String),
        Literal::Null => (Value::Null, Ty::Null),
        Literal::Double(text) => match text.parse::<f64>() {
            Ok(d) => (Value::Double(d), Ty::Double),
            Err(_) => {
                b.c.error(format!("Invalid double: {text}"), e.span);
                (Value::Null, Ty::Double)
            }
        },
        Literal::Decimal(text) => {
            let normalized = if text.starts_with('.') { format!("0{text}") } else { text.clone() };
            match normalized.parse::<bigdecimal::BigDecimal>() {
                Ok(d) => (Value::decimal(d), Ty::Decimal),
                Err(_) => {
                    b.c.error(format!("Invalid decimal: {text}"), e.span);
                    (Value::Null, Ty::Decimal)
                }
            }
        }
    };
    (Expr::Const(value), ty)
}

/// A condition: must be Boolean.
pub(super) fn compile_cond(b: &mut Body, e: &Spanned<ast::Expr>) -> Expr {
    let (expr, ty) = compile_expr(b, e);
    if !ty.is_loose() && !matches!(ty, Ty::Boolean | Ty::Object) {
        let name = b.c.ty_name(&ty);
        b.c.error(format!("Condition expression must be of type Boolean: {name}"), e.span);
    }
    expr
}

/// Compiles `e` for a slot of type `to`: checks assignability and inserts widening.
pub(super) fn compile_coerced(b: &mut Body, e: &Spanned<ast::Expr>, to: &Ty, _what: &str) -> Expr {
    let (expr, from) = compile_expr(b, e);
    coerce(b, expr, &from, to, e.span)
}

pub(super) fn coerce(b: &mut Body, expr: Expr, from: &Ty, to: &Ty, span: apex_syntax::Span) -> Expr {
    // `Account a = [SELECT ...]` takes the query's only row.
    let expr = match (expr, to, from) {
        (Expr::Soql(mut query), Ty::SObject(_), Ty::List(element)) if matches!(**element, Ty::SObject(_)) => {
            if types::assignable(b.c, element, to) {
                query.single = true;
            } else {
                let (f, t) = (b.c.ty_name(from), b.c.ty_name(to));
                b.c.error(format!("Illegal assignment from {f} to {t}"), span);
            }
            return Expr::Soql(query);
        }
        (expr, ..) => expr,
    };
    if !types::assignable(b.c, from, to) {
        let (f, t) = (b.c.ty_name(from), b.c.ty_name(to));
        b.c.error(format!("Illegal assignment from {f} to {t}"), span);
        return expr;
    }
    if from != to && to.is_numeric() && (from.is_numeric() || from.is_loose()) {
        return Expr::Cast(to.clone(), Box::new(expr));
    }
    if *to == Ty::Id && *from == Ty::String {
        return Expr::Cast(Ty::Id, Box::new(expr));
    }
    expr
}

fn common_type(b: &Body, a: &Ty, c: &Ty) -> Ty {
    if a == c {
        return a.clone();
    }
    if *a == Ty::Null {
        return c.clone();
    }
    if *c == Ty::Null {
        return a.clone();
    }
    if let (Some(x), Some(y)) = (a.numeric_rank(), c.numeric_rank()) {
        return if x >= y { a.clone() } else { c.clone() };
    }
    if types::assignable(b.c, a, c) {
        return c.clone();
    }
    if types::assignable(b.c, c, a) {
        return a.clone();
    }
    Ty::Object
}

fn unary(b: &mut Body, op: UnaryOp, operand: &Spanned<ast::Expr>, e: &Spanned<ast::Expr>) -> (Expr, Ty) {
    match op {
        UnaryOp::Plus => compile_expr(b, operand),
        UnaryOp::Negate => {
            let (inner, ty) = compile_expr(b, operand);
            // Fold negative literals, so `when -1` and constants stay constants.
            let folded = match &inner {
                Expr::Const(Value::Integer(i)) => Some(Value::Integer(i.wrapping_neg())),
                Expr::Const(Value::Long(l)) => Some(Value::Long(l.wrapping_neg())),
                Expr::Const(Value::Double(d)) => Some(Value::Double(-d)),
                Expr::Const(Value::Decimal(d)) => Some(Value::decimal(-(**d).clone())),
                _ => None,
            };
            match folded {
                Some(value) => (Expr::Const(value), ty),
                None => (Expr::Negate(Box::new(inner)), ty),
            }
        }
        UnaryOp::Not => (Expr::Not(Box::new(compile_cond(b, operand))), Ty::Boolean),
        UnaryOp::BitNot => {
            let (inner, ty) = compile_expr(b, operand);
            (Expr::BitNot(Box::new(inner)), ty)
        }
        UnaryOp::PreIncrement | UnaryOp::PreDecrement | UnaryOp::PostIncrement | UnaryOp::PostDecrement => {
            let (place, ty) = names::place(b, operand);
            if !ty.is_loose() && !ty.is_numeric() {
                let name = b.c.ty_name(&ty);
                b.c.error(format!("Arithmetic expressions must use numeric arguments: {name}"), e.span);
            }
            let delta = if matches!(op, UnaryOp::PreIncrement | UnaryOp::PostIncrement) { 1 } else { -1 };
            let prefix = matches!(op, UnaryOp::PreIncrement | UnaryOp::PreDecrement);
            (Expr::Step { place: Box::new(place), delta, prefix }, ty)
        }
    }
}

fn binary(
    b: &mut Body,
    op: BinaryOp,
    lhs: &Spanned<ast::Expr>,
    rhs: &Spanned<ast::Expr>,
    e: &Spanned<ast::Expr>,
) -> (Expr, Ty) {
    match op {
        BinaryOp::And | BinaryOp::Or => {
            let (l, r) = (compile_cond(b, lhs), compile_cond(b, rhs));
            let expr = if op == BinaryOp::And {
                Expr::And(Box::new(l), Box::new(r))
            } else {
                Expr::Or(Box::new(l), Box::new(r))
            };
            return (expr, Ty::Boolean);
        }
        BinaryOp::Coalesce => {
            let (l, lt) = compile_expr(b, lhs);
            let (r, rt) = compile_expr(b, rhs);
            let ty = common_type(b, &lt, &rt);
            return (Expr::Coalesce(Box::new(l), Box::new(r)), ty);
        }
        _ => {}
    }
    let (l, lt) = compile_expr(b, lhs);
    let (r, rt) = compile_expr(b, rhs);
    let ty = binary_type(b, op, &lt, &rt, e);
    (Expr::Binary(op, Box::new(l), Box::new(r)), ty)
}

/// The static result type of a binary operator, reporting operand types Apex rejects.
pub(super) fn binary_type(b: &mut Body, op: BinaryOp, l: &Ty, r: &Ty, e: &Spanned<ast::Expr>) -> Ty {
    use BinaryOp::*;
    let loose = l.is_loose() || r.is_loose() || *l == Ty::Object || *r == Ty::Object;
    match op {
        Lt | Le | Gt | Ge | Eq | Ne | ExactEq | ExactNe => Ty::Boolean,
        Add if *l == Ty::String || *r == Ty::String => Ty::String,
        Add | Sub if matches!(l, Ty::Date | Ty::Datetime | Ty::Time) => l.clone(),
        Add | Sub | Mul | Div => match (l.numeric_rank(), r.numeric_rank()) {
            (Some(x), Some(y)) => {
                if x >= y {
                    l.clone()
                } else {
                    r.clone()
                }
            }
            _ if loose => Ty::Any,
            _ => {
                let (a, c) = (b.c.ty_name(l), b.c.ty_name(r));
                b.c.error(format!("Arithmetic expressions must use numeric arguments: {a}, {c}"), e.span);
                Ty::Any
            }
        },
        BitAnd | BitOr | BitXor if *l == Ty::Boolean || *r == Ty::Boolean => Ty::Boolean,
        BitAnd | BitOr | BitXor => {
            if *l == Ty::Long || *r == Ty::Long {
                Ty::Long
            } else {
                l.clone()
            }
        }
        Shl | Shr | UShr => l.clone(),
        And | Or => Ty::Boolean,
        Coalesce => l.clone(),
    }
}

fn assign(
    b: &mut Body,
    op: Option<BinaryOp>,
    target: &Spanned<ast::Expr>,
    value: &Spanned<ast::Expr>,
    e: &Spanned<ast::Expr>,
) -> (Expr, Ty) {
    let (place, ty) = names::place(b, target);
    match op {
        None => {
            let value = compile_coerced(b, value, &ty, "assignment");
            (Expr::Assign(Box::new(place), Box::new(value)), ty)
        }
        Some(op) => {
            let (value, vt) = compile_expr(b, value);
            let result = binary_type(b, op, &ty, &vt, e);
            if !types::assignable(b.c, &result, &ty) {
                let (f, t) = (b.c.ty_name(&result), b.c.ty_name(&ty));
                b.c.error(format!("Illegal assignment from {f} to {t}"), e.span);
            }
            (Expr::Compound(Box::new(place), op, Box::new(value)), ty)
        }
    }
}
