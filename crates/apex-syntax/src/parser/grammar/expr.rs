//! `expression`: a Pratt parser over the operator table of spec/apex-language.md §5.1, with
//! `new`, casts, class literals and inline SOQL/SOSL as atoms.

use super::literal::literal;
use super::query::{search, soql_query};
use super::{any_word, custom, ident, Extra, Input, P};
use crate::ast::{BinaryOp, Expr, Ident, New, TypePart, TypeRef, UnaryOp};
use crate::diagnostic::codes;
use crate::span::{Span, Spanned};
use crate::token::Token;
use chumsky::pratt::{infix, left, postfix, prefix, right};
use chumsky::prelude::*;
use chumsky::recursive::Direct;

type SExpr = Spanned<Expr>;
type ExprRec<'src> = Recursive<Direct<'src, 'src, Input<'src>, SExpr, Extra<'src>>>;

/// A postfix operation, kept apart from its operand until the Pratt parser folds them.
#[derive(Clone)]
enum Suffix {
    Member { name: Spanned<Ident>, args: Option<Vec<SExpr>>, safe: bool },
    Index(SExpr),
    Increment,
    Decrement,
}

pub(crate) fn expression<'src>(type_ref: P<'src, Spanned<TypeRef>>) -> P<'src, SExpr> {
    recursive(|expr: ExprRec<'src>| {
        let args = arguments(expr.clone().boxed());
        let atom = atom(expr.clone().boxed(), args.clone(), type_ref.clone());
        let suffix = suffix(expr.clone().boxed(), args).map_with(|s, e| (s, e.span()));
        let ternary = just(Token::Question).ignore_then(expr.clone()).then_ignore(just(Token::Colon));
        atom.pratt((
            postfix(15, suffix, |lhs: SExpr, (suffix, span): (Suffix, Span), _| fold_suffix(lhs, suffix, span)),
            prefix(14, cast(type_ref.clone()), |(ty, at): (Spanned<TypeRef>, Span), operand: SExpr, _| {
                let span = at.cover(operand.span);
                Spanned::new(Expr::Cast { ty, operand: Box::new(operand) }, span)
            }),
            prefix(14, prefix_op(), |(op, at): (UnaryOp, Span), operand: SExpr, _| unary(op, at, operand)),
            infix(left(13), binary_op(&[(Token::Star, BinaryOp::Mul), (Token::Slash, BinaryOp::Div)]), fold_binary),
            infix(left(12), binary_op(&[(Token::Plus, BinaryOp::Add), (Token::Minus, BinaryOp::Sub)]), fold_binary),
            infix(left(11), shift_op(), fold_binary),
            postfix(
                10,
                just(Token::Instanceof).ignore_then(type_ref.clone()),
                |operand: SExpr, ty: Spanned<TypeRef>, _| {
                    let span = operand.span.cover(ty.span);
                    Spanned::new(Expr::InstanceOf { operand: Box::new(operand), ty }, span)
                },
            ),
            infix(left(10), binary_op(RELATIONAL), fold_binary),
            infix(left(9), binary_op(EQUALITY), fold_binary),
            infix(left(8), binary_op(&[(Token::Amp, BinaryOp::BitAnd)]), fold_binary),
            infix(left(7), binary_op(&[(Token::Caret, BinaryOp::BitXor)]), fold_binary),
            infix(left(6), binary_op(&[(Token::Pipe, BinaryOp::BitOr)]), fold_binary),
            infix(left(5), binary_op(&[(Token::AndAnd, BinaryOp::And)]), fold_binary),
            infix(left(4), binary_op(&[(Token::OrOr, BinaryOp::Or)]), fold_binary),
            infix(right(3), binary_op(&[(Token::QuestionQuestion, BinaryOp::Coalesce)]), fold_binary),
            infix(right(2), ternary, |cond: SExpr, then: SExpr, otherwise: SExpr, _| {
                let span = cond.span.cover(otherwise.span);
                Spanned::new(
                    Expr::Ternary { cond: Box::new(cond), then: Box::new(then), otherwise: Box::new(otherwise) },
                    span,
                )
            }),
            infix(right(1), assign_op(), |target: SExpr, op: Option<BinaryOp>, value: SExpr, _| {
                let span = target.span.cover(value.span);
                Spanned::new(Expr::Assign { op, target: Box::new(target), value: Box::new(value) }, span)
            }),
        ))
        .labelled("expression")
    })
    .boxed()
}

const RELATIONAL: &[(Token<'static>, BinaryOp)] =
    &[(Token::Lt, BinaryOp::Lt), (Token::LtEq, BinaryOp::Le), (Token::Gt, BinaryOp::Gt), (Token::GtEq, BinaryOp::Ge)];

const EQUALITY: &[(Token<'static>, BinaryOp)] = &[
    (Token::EqEq, BinaryOp::Eq),
    (Token::NotEq, BinaryOp::Ne),
    (Token::LtGt, BinaryOp::Ne),
    (Token::EqEqEq, BinaryOp::ExactEq),
    (Token::NotEqEq, BinaryOp::ExactNe),
];

/// `arguments := '(' (expression (',' expression)*)? ')'`
fn arguments<'src>(expr: P<'src, SExpr>) -> P<'src, Vec<SExpr>> {
    expr.separated_by(just(Token::Comma))
        .collect::<Vec<_>>()
        .delimited_by(just(Token::LParen), just(Token::RParen))
        .labelled("arguments")
        .boxed()
}

/// `primary := literal | 'this' arguments? | 'super' arguments? | new | query | class_literal
///            | identifier arguments? | '(' expression ')'`
fn atom<'src>(expr: P<'src, SExpr>, args: P<'src, Vec<SExpr>>, type_ref: P<'src, Spanned<TypeRef>>) -> P<'src, SExpr> {
    let this = keyword_call(Token::This, "this", Expr::This, args.clone());
    let super_ = keyword_call(Token::Super, "super", Expr::Super, args.clone());
    // `Foo.class` and `Outer.Inner.class` are folded from member access (see `fold_suffix`);
    // only a type with arguments or brackets, such as `List<Account>.class`, is parsed as a type.
    let generic_type_start =
        ident().separated_by(just(Token::Dot)).at_least(1).then(one_of([Token::Lt, Token::LBracket])).rewind();
    let class_literal = generic_type_start
        .ignore_then(type_ref.clone())
        .then_ignore(just(Token::Dot).then(just(Token::Class)))
        .map(Expr::ClassLiteral);
    let name = ident().then(args.or_not()).map(|(name, args)| match args {
        Some(args) => Expr::Call { target: None, name, args, safe: false },
        None => Expr::Name(name.node),
    });
    let paren = expr.clone().delimited_by(just(Token::LParen), just(Token::RParen)).map(|e| Expr::Paren(Box::new(e)));
    let query = choice((
        soql_query(expr.clone()).map(|q| Expr::Soql(Box::new(q))),
        search(expr.clone()).map(|s| Expr::Sosl(Box::new(s))),
    ))
    .delimited_by(just(Token::LBracket), just(Token::RBracket));
    choice((literal().map(Expr::Literal), class_literal, name, paren, this, super_, new_expr(expr, type_ref), query))
        .spanned()
        .labelled("expression")
        .boxed()
}

/// `this` or `super`, or the constructor call `this(...)` / `super(...)`.
fn keyword_call<'src>(
    keyword: Token<'src>,
    text: &'static str,
    bare: Expr,
    args: P<'src, Vec<SExpr>>,
) -> P<'src, Expr> {
    just(keyword)
        .map_with(move |_, e| Spanned::new(Ident(text.to_string()), e.span()))
        .then(args.or_not())
        .map(move |(name, args)| match args {
            Some(args) => Expr::Call { target: None, name, args, safe: false },
            None => bare.clone(),
        })
        .boxed()
}

/// `new := 'new' type_ref (arguments | '[' expression ']' | '{' initializer '}')`
fn new_expr<'src>(expr: P<'src, SExpr>, type_ref: P<'src, Spanned<TypeRef>>) -> P<'src, Expr> {
    let args = arguments(expr.clone());
    let size = expr.clone().delimited_by(just(Token::LBracket), just(Token::RBracket));
    // Each element is parsed once and classified afterwards: trying map entries first and
    // items second would parse nested initializers twice per level, exponentially.
    let element = expr.clone().then(just(Token::FatArrow).ignore_then(expr).or_not());
    let init = element
        .separated_by(just(Token::Comma))
        .allow_trailing()
        .collect::<Vec<_>>()
        .delimited_by(just(Token::LBrace), just(Token::RBrace))
        .validate(|elements, e, emitter| {
            let entries = elements.iter().filter(|(_, value)| value.is_some()).count();
            if entries > 0 && entries < elements.len() {
                let message = "an initializer mixes `key => value` entries with plain items".to_string();
                emitter.emit(custom(e.span(), codes::INVALID_DECLARATION, message));
            }
            if entries > 0 {
                Init::Map(elements.into_iter().filter_map(|(key, value)| Some((key, value?))).collect())
            } else {
                Init::Items(elements.into_iter().map(|(item, _)| item).collect())
            }
        });
    just(Token::New)
        .ignore_then(type_ref)
        .then(choice((args.map(Init::Args), size.map(Init::Size), init)))
        .map(|(ty, init)| Expr::New(init.into_new(ty)))
        .boxed()
}

enum Init {
    Args(Vec<SExpr>),
    Size(SExpr),
    Items(Vec<SExpr>),
    Map(Vec<(SExpr, SExpr)>),
}

impl Init {
    fn into_new(self, ty: Spanned<TypeRef>) -> New {
        match self {
            Init::Args(args) => New::Object { ty, args },
            Init::Size(size) => New::Array { element: ty, size: Box::new(size) },
            Init::Map(entries) => New::Map { ty, entries },
            Init::Items(items) if items.is_empty() && is_map(&ty.node) => New::Map { ty, entries: Vec::new() },
            Init::Items(items) => New::Collection { ty, items },
        }
    }
}

fn is_map(ty: &TypeRef) -> bool {
    ty.array_dims == 0 && ty.parts.last().is_some_and(|p| p.name.eq_ignore_case("map"))
}

/// `suffix := ('.' | '?.') any_word arguments? | '[' expression ']' | '++' | '--'`
fn suffix<'src>(expr: P<'src, SExpr>, args: P<'src, Vec<SExpr>>) -> P<'src, Suffix> {
    let dot = choice((just(Token::Dot).to(false), just(Token::SafeDot).to(true)));
    let member =
        dot.then(any_word()).then(args.or_not()).map(|((safe, name), args)| Suffix::Member { name, args, safe });
    choice((
        member,
        expr.delimited_by(just(Token::LBracket), just(Token::RBracket)).map(Suffix::Index),
        just(Token::PlusPlus).to(Suffix::Increment),
        just(Token::MinusMinus).to(Suffix::Decrement),
    ))
    .boxed()
}

fn fold_suffix(lhs: SExpr, suffix: Suffix, span: Span) -> SExpr {
    let span = lhs.span.cover(span);
    if let Suffix::Member { name, args: None, safe: false } = &suffix {
        if name.as_str() == "class" {
            if let Some(ty) = name_to_type(&lhs) {
                return Spanned::new(Expr::ClassLiteral(Spanned::new(ty, lhs.span)), span);
            }
        }
    }
    let target = Box::new(lhs);
    let node = match suffix {
        Suffix::Member { name, args: Some(args), safe } => Expr::Call { target: Some(target), name, args, safe },
        Suffix::Member { name, args: None, safe } => Expr::Field { target, name, safe },
        Suffix::Index(index) => Expr::Index { target, index: Box::new(index) },
        Suffix::Increment => Expr::Unary { op: UnaryOp::PostIncrement, operand: target },
        Suffix::Decrement => Expr::Unary { op: UnaryOp::PostDecrement, operand: target },
    };
    Spanned::new(node, span)
}

/// The type a dotted name such as `Outer.Inner` stands for, when `.class` follows it.
fn name_to_type(expr: &SExpr) -> Option<TypeRef> {
    let mut parts = Vec::new();
    let mut current = expr;
    loop {
        match &current.node {
            Expr::Name(ident) => {
                parts.push(TypePart { name: Spanned::new(ident.clone(), current.span), args: Vec::new() });
                break;
            }
            Expr::Field { target, name, safe: false } => {
                parts.push(TypePart { name: name.clone(), args: Vec::new() });
                current = target;
            }
            _ => return None,
        }
    }
    parts.reverse();
    Some(TypeRef { parts, array_dims: 0 })
}

/// `cast := '(' type_ref ')'` when followed by something that can only start an operand.
fn cast<'src>(type_ref: P<'src, Spanned<TypeRef>>) -> P<'src, (Spanned<TypeRef>, Span)> {
    let operand_start = any().filter(|t: &Token| {
        matches!(
            t,
            Token::Ident(_)
                | Token::Int(_)
                | Token::Long(_)
                | Token::Decimal(_)
                | Token::Double(_)
                | Token::Str(_)
                | Token::True
                | Token::False
                | Token::Null
                | Token::This
                | Token::Super
                | Token::New
                | Token::LParen
                | Token::LBracket
                | Token::Bang
                | Token::Tilde
        )
    });
    type_ref
        .delimited_by(just(Token::LParen), just(Token::RParen))
        .map_with(|ty, e| (ty, e.span()))
        .then_ignore(operand_start.rewind())
        .boxed()
}

fn prefix_op<'src>() -> P<'src, (UnaryOp, Span)> {
    select! {
        Token::Bang => UnaryOp::Not,
        Token::Minus => UnaryOp::Negate,
        Token::Plus => UnaryOp::Plus,
        Token::Tilde => UnaryOp::BitNot,
        Token::PlusPlus => UnaryOp::PreIncrement,
        Token::MinusMinus => UnaryOp::PreDecrement,
    }
    .map_with(|op, e| (op, e.span()))
    .boxed()
}

fn unary(op: UnaryOp, at: Span, operand: SExpr) -> SExpr {
    let span = at.cover(operand.span);
    Spanned::new(Expr::Unary { op, operand: Box::new(operand) }, span)
}

fn binary_op<'src>(table: &'static [(Token<'static>, BinaryOp)]) -> P<'src, BinaryOp> {
    any()
        .filter(move |t: &Token| table.iter().any(|(token, _)| token == t))
        .map(move |t: Token| table.iter().find(|(token, _)| *token == t).map_or(BinaryOp::Add, |(_, op)| *op))
        .boxed()
}

/// `<<`, `>>` and `>>>` are written as adjacent `<`/`>` tokens so that `List<List<T>>` closes.
fn shift_op<'src>() -> P<'src, BinaryOp> {
    let lt = just(Token::Lt).map_with(|_, e| e.span());
    let gt = || just(Token::Gt).map_with(|_, e| e.span());
    let adjacent = |spans: &[Span]| spans.windows(2).all(|w| w[0].end == w[1].start);
    choice((
        gt().then(gt()).then(gt()).filter(move |((a, b), c)| adjacent(&[*a, *b, *c])).to(BinaryOp::UShr),
        gt().then(gt()).filter(move |(a, b)| adjacent(&[*a, *b])).to(BinaryOp::Shr),
        lt.then(lt).filter(move |(a, b)| adjacent(&[*a, *b])).to(BinaryOp::Shl),
    ))
    .boxed()
}

fn fold_binary<'src, 'b>(
    lhs: SExpr,
    op: BinaryOp,
    rhs: SExpr,
    _: &mut chumsky::input::MapExtra<'src, 'b, Input<'src>, Extra<'src>>,
) -> SExpr {
    let span = lhs.span.cover(rhs.span);
    Spanned::new(Expr::Binary { op, lhs: Box::new(lhs), rhs: Box::new(rhs) }, span)
}

/// `=` or a compound assignment; `None` is plain `=`.
fn assign_op<'src>() -> P<'src, Option<BinaryOp>> {
    select! {
        Token::Assign => None,
        Token::PlusAssign => Some(BinaryOp::Add),
        Token::MinusAssign => Some(BinaryOp::Sub),
        Token::StarAssign => Some(BinaryOp::Mul),
        Token::SlashAssign => Some(BinaryOp::Div),
        Token::AmpAssign => Some(BinaryOp::BitAnd),
        Token::PipeAssign => Some(BinaryOp::BitOr),
        Token::CaretAssign => Some(BinaryOp::BitXor),
        Token::ShlAssign => Some(BinaryOp::Shl),
        Token::ShrAssign => Some(BinaryOp::Shr),
        Token::UshrAssign => Some(BinaryOp::UShr),
    }
    .boxed()
}
