//! `block` and `statement`, with recovery at statement level: a statement that does not parse
//! is reported once and skipped up to its `;` or its balanced block.

use super::annotation::annotation;
use super::{custom, ident, word, Extra, Input, P};
use crate::ast::*;
use crate::diagnostic::codes;
use crate::span::Spanned;
use crate::token::Token;
use chumsky::prelude::*;
use chumsky::recursive::Direct;

type SExpr = Spanned<Expr>;
type SStmt = Spanned<Stmt>;
type StmtRec<'src> = Recursive<Direct<'src, 'src, Input<'src>, SStmt, Extra<'src>>>;

/// `declarator := identifier ('=' expression)?`
pub(crate) fn declarators<'src>(expr: P<'src, SExpr>) -> P<'src, Vec<Spanned<Declarator>>> {
    ident()
        .then(just(Token::Assign).ignore_then(expr).or_not())
        .map(|(name, init)| Declarator { name, init })
        .spanned()
        .separated_by(just(Token::Comma))
        .at_least(1)
        .collect()
        .boxed()
}

/// `statement` and `block := '{' statement* '}'`, which are defined in terms of each other.
/// The block is built with `recursive`, whose self-reference is weak: a `Recursive::declare`
/// cycle would leak the whole grammar every time one is built.
pub(crate) fn statement_and_block<'src>(
    expr: P<'src, SExpr>,
    type_ref: P<'src, Spanned<TypeRef>>,
) -> (P<'src, SStmt>, P<'src, Spanned<Block>>) {
    let block = recursive(|block: Recursive<Direct<'src, 'src, Input<'src>, Spanned<Block>, Extra<'src>>>| {
        statement(expr.clone(), type_ref.clone(), block.boxed())
            .repeated()
            .collect::<Vec<_>>()
            .delimited_by(just(Token::LBrace), just(Token::RBrace))
            .map(|stmts| Block { stmts })
            .spanned()
            .labelled("block")
    })
    .boxed();
    (statement(expr, type_ref, block.clone()), block)
}

fn statement<'src>(
    expr: P<'src, SExpr>,
    type_ref: P<'src, Spanned<TypeRef>>,
    block: P<'src, Spanned<Block>>,
) -> P<'src, SStmt> {
    recursive(|stmt: StmtRec<'src>| {
        let stmt = stmt.boxed();
        let semi = || just(Token::Semi).labelled("`;`");
        let paren_expr = || expr.clone().delimited_by(just(Token::LParen), just(Token::RParen));
        let local_head = just(Token::Final)
            .or_not()
            .then(type_ref.clone())
            .then(declarators(expr.clone()))
            .map(|((fin, ty), declarators)| Stmt::Local { is_final: fin.is_some(), ty, declarators });
        let local = local_head.clone().then_ignore(semi());
        let if_ = just(Token::If)
            .ignore_then(paren_expr())
            .then(stmt.clone())
            .then(just(Token::Else).ignore_then(stmt.clone()).or_not())
            .map(|((cond, then), otherwise)| Stmt::If {
                cond,
                then: Box::new(then),
                otherwise: otherwise.map(Box::new),
            });
        let while_ = just(Token::While)
            .ignore_then(paren_expr())
            .then(stmt.clone())
            .map(|(cond, body)| Stmt::While { cond, body: Box::new(body) });
        let do_while = just(Token::Do)
            .ignore_then(stmt.clone())
            .then_ignore(just(Token::While))
            .then(paren_expr())
            .then_ignore(semi())
            .map(|(body, cond)| Stmt::DoWhile { body: Box::new(body), cond });
        let return_ = just(Token::Return).ignore_then(expr.clone().or_not()).then_ignore(semi()).map(Stmt::Return);
        let throw = just(Token::Throw).ignore_then(expr.clone()).then_ignore(semi()).map(Stmt::Throw);
        let break_ = just(Token::Break).then(semi()).to(Stmt::Break);
        let continue_ = just(Token::Continue).then(semi()).to(Stmt::Continue);
        let empty = semi().to(Stmt::Empty);
        let expr_stmt = expr.clone().then_ignore(semi()).map(Stmt::Expr);
        let misplaced_annotation = annotation()
            .repeated()
            .at_least(1)
            .collect::<Vec<_>>()
            .validate(|annotations, e, emitter| {
                emitter.emit(custom(
                    e.span(),
                    codes::MISPLACED_ANNOTATION,
                    format!("annotation `@{}` is not allowed on a statement", annotations[0].name.as_str()),
                ));
            })
            .ignore_then(stmt.clone())
            .map(|s| s.node);
        choice((
            block.clone().map(|b| Stmt::Block(b.node)),
            if_,
            for_stmt(expr.clone(), type_ref.clone(), local_head.boxed(), stmt.clone()),
            while_,
            do_while,
            switch(expr.clone(), type_ref.clone(), block.clone()),
            return_,
            throw,
            break_,
            continue_,
            try_stmt(type_ref.clone(), block.clone()),
            dml(expr.clone()),
            run_as(expr.clone(), block),
            local,
            expr_stmt,
            empty,
            misplaced_annotation,
        ))
        .spanned()
        .labelled("statement")
        .recover_with(via_parser(skip_statement()))
    })
    .boxed()
}

/// Recovery: skip tokens (and whole bracketed groups) up to and including a `;`, or up to a `}`
/// that closes the enclosing block. Never consumes that `}`.
pub(crate) fn skip_statement<'src>() -> P<'src, SStmt> {
    let group = recursive(|group| {
        let inner = choice((
            group,
            none_of([Token::LParen, Token::RParen, Token::LBrace, Token::RBrace, Token::LBracket, Token::RBracket])
                .ignored(),
        ))
        .repeated();
        choice((
            inner.clone().delimited_by(just(Token::LParen), just(Token::RParen)),
            inner.clone().delimited_by(just(Token::LBrace), just(Token::RBrace)),
            inner.delimited_by(just(Token::LBracket), just(Token::RBracket)),
        ))
    });
    let simple = none_of([
        Token::Semi,
        Token::LParen,
        Token::RParen,
        Token::LBrace,
        Token::RBrace,
        Token::LBracket,
        Token::RBracket,
    ])
    .ignored();
    let starts_next = any().filter(|t: &Token| starts_statement_or_member(t)).ignored();
    let rest = choice((group.clone(), simple.and_is(starts_next.not()))).repeated();
    let body = choice((group, simple)).then(rest);
    choice((body.then(just(Token::Semi).or_not()).ignored(), just(Token::Semi).ignored()))
        .to(Stmt::Error)
        .spanned()
        .boxed()
}

/// Tokens that begin a statement or a member, where recovery stops skipping.
fn starts_statement_or_member(token: &Token) -> bool {
    use Token::*;
    matches!(
        token,
        If | For
            | While
            | Do
            | Return
            | Throw
            | Try
            | Switch
            | Break
            | Continue
            | Final
            | Public
            | Private
            | Protected
            | Global
            | Static
            | Abstract
            | Virtual
            | Override
            | Transient
            | At
            | Class
            | Interface
            | Enum
            | TestMethod
            | WebService
    )
}

/// `for := 'for' '(' (for_each_head | for_init? ';' expression? ';' expression_list?) ')' statement`
fn for_stmt<'src>(
    expr: P<'src, SExpr>,
    type_ref: P<'src, Spanned<TypeRef>>,
    local_head: P<'src, Stmt>,
    stmt: P<'src, SStmt>,
) -> P<'src, Stmt> {
    let each_head = just(Token::Final)
        .or_not()
        .ignore_then(type_ref)
        .then(ident())
        .then_ignore(just(Token::Colon))
        .then(expr.clone());
    let exprs = || expr.clone().separated_by(just(Token::Comma)).at_least(1).collect::<Vec<_>>();
    let init = choice((
        local_head,
        exprs().map(|mut es| {
            if es.len() == 1 {
                Stmt::Expr(es.remove(0))
            } else {
                Stmt::Block(Block {
                    stmts: es
                        .into_iter()
                        .map(|e| {
                            let span = e.span;
                            Spanned::new(Stmt::Expr(e), span)
                        })
                        .collect(),
                })
            }
        }),
    ))
    .spanned();
    let classic_head = init
        .map(Box::new)
        .or_not()
        .then_ignore(just(Token::Semi))
        .then(expr.clone().or_not())
        .then_ignore(just(Token::Semi))
        .then(exprs().or_not());
    enum Head {
        Each((Spanned<TypeRef>, Name), SExpr),
        Classic((Option<Box<SStmt>>, Option<SExpr>), Option<Vec<SExpr>>),
    }
    let head = choice((each_head.map(|(a, b)| Head::Each(a, b)), classic_head.map(|(a, b)| Head::Classic(a, b))))
        .delimited_by(just(Token::LParen), just(Token::RParen));
    just(Token::For)
        .ignore_then(head)
        .then(stmt)
        .map(|(head, body)| match head {
            Head::Each((ty, name), iterable) => Stmt::ForEach { ty, name, iterable, body: Box::new(body) },
            Head::Classic((init, cond), update) => {
                Stmt::For { init, cond, update: update.unwrap_or_default(), body: Box::new(body) }
            }
        })
        .boxed()
}

/// `switch := 'switch' 'on' expression '{' when_arm+ '}'`
/// `when_arm := 'when' ('else' | type_ref identifier | expression (',' expression)*) block`
fn switch<'src>(
    expr: P<'src, SExpr>,
    type_ref: P<'src, Spanned<TypeRef>>,
    block: P<'src, Spanned<Block>>,
) -> P<'src, Stmt> {
    let type_test = type_ref
        .then(ident())
        .then_ignore(just(Token::LBrace).rewind())
        .map(|(ty, name)| WhenPattern::Type { ty, name });
    let values = expr.clone().separated_by(just(Token::Comma)).at_least(1).collect().map(WhenPattern::Values);
    let pattern = choice((just(Token::Else).to(WhenPattern::Else), type_test, values));
    let arm = word("when").ignore_then(pattern).then(block).map(|(pattern, body)| WhenArm { pattern, body }).spanned();
    just(Token::Switch)
        .ignore_then(word("on"))
        .ignore_then(expr)
        .then(arm.repeated().at_least(1).collect().delimited_by(just(Token::LBrace), just(Token::RBrace)))
        .map(|(subject, arms)| Stmt::Switch { subject, arms })
        .boxed()
}

/// `try := 'try' block catch* ('finally' block)?`, `catch := 'catch' '(' 'final'? type_ref identifier ')' block`
fn try_stmt<'src>(type_ref: P<'src, Spanned<TypeRef>>, block: P<'src, Spanned<Block>>) -> P<'src, Stmt> {
    let catch = just(Token::Catch)
        .ignore_then(
            just(Token::Final)
                .or_not()
                .then(type_ref)
                .then(ident())
                .delimited_by(just(Token::LParen), just(Token::RParen)),
        )
        .then(block.clone())
        .map(|(((fin, ty), name), body)| Catch { is_final: fin.is_some(), ty, name, body })
        .spanned();
    just(Token::Try)
        .map_with(|_, e| e.span())
        .then(block.clone())
        .then(catch.repeated().collect::<Vec<_>>())
        .then(just(Token::Finally).ignore_then(block).or_not())
        .then(just(Token::Catch).rewind().or_not())
        .validate(|((((at, body), catches), finally), broken_catch), _, emitter| {
            if catches.is_empty() && finally.is_none() && broken_catch.is_none() {
                emitter.emit(custom(
                    at,
                    codes::INVALID_DECLARATION,
                    "`try` needs at least one `catch` or a `finally` block".to_string(),
                ));
            }
            Stmt::Try { body, catches, finally }
        })
        .boxed()
}

/// `dml := ('insert' | 'update' | 'upsert' | 'delete' | 'undelete' | 'merge') ('as' ('user' | 'system'))? expression expression? ';'`
fn dml<'src>(expr: P<'src, SExpr>) -> P<'src, Stmt> {
    let op = select! {
        Token::Insert => DmlOp::Insert,
        Token::Update => DmlOp::Update,
        Token::Upsert => DmlOp::Upsert,
        Token::Delete => DmlOp::Delete,
        Token::Undelete => DmlOp::Undelete,
        Token::Merge => DmlOp::Merge,
    };
    let access = word("as").ignore_then(choice((word("user"), word("system"))));
    op.then(access.or_not())
        .then(expr.clone())
        .then(expr.or_not())
        .then_ignore(just(Token::Semi))
        .map(|(((op, access), target), extra)| Stmt::Dml { op, access, target, extra })
        .boxed()
}

/// `run_as := 'System' '.' 'runAs' '(' expression ')' block`
fn run_as<'src>(expr: P<'src, SExpr>, block: P<'src, Spanned<Block>>) -> P<'src, Stmt> {
    word("system")
        .ignore_then(just(Token::Dot))
        .ignore_then(word("runas"))
        .ignore_then(expr.delimited_by(just(Token::LParen), just(Token::RParen)))
        .then(block)
        .map(|(user, body)| Stmt::RunAs { user, body })
        .boxed()
}
