/**
 * The parts of assessment that contribute term facts (TermFactSource, common/term-facts.ts): the
 * unified exams here; surveys join with their own source. `assessment.term-facts` asks each of them.
 */
export const ASSESSMENT_TERM_FACT_SOURCES = 'ASSESSMENT_TERM_FACT_SOURCES';
