//! Regression test for a leak the fuzzer found (fuzz/regressions/leak-grammar-rc-cycle.bin, the
//! empty input): a `Recursive::declare` cycle kept every grammar alive after parsing. Every
//! byte a parse allocates must be freed when its result is dropped.

use apex_syntax::{parse, FileId, UnitKind};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::SeqCst);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn parsing_frees_everything_it_allocates() {
    let inputs = ["", "public class A { Integer x = [SELECT COUNT() FROM B]; }", "Integer x = ;", "class {"];
    for kind in [UnitKind::Class, UnitKind::Trigger, UnitKind::Anonymous] {
        for input in inputs {
            drop(parse(input, FileId(0), kind));
            drop(parse(input, FileId(0), kind));
            let before = LIVE_BYTES.load(Ordering::SeqCst);
            drop(parse(input, FileId(0), kind));
            let after = LIVE_BYTES.load(Ordering::SeqCst);
            assert_eq!(after, before, "{kind:?} {input:?} kept {} bytes", after - before);
        }
    }
}
