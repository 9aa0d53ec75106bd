/**
 * Finding the knowledge-base entry that fits a pasted text, in stages of one class each: the
 * schema and index ({@code Schema}, {@code EntryIndex}), the text analysed once ({@code Query}),
 * candidate generation ({@code Candidates}), named features ({@code Signal} and its
 * implementations), the choice model ({@code ChoiceModel}) with its weights as data
 * ({@code Tuning}), and the evaluation protocol ({@code Evaluation}). Depends only on {@code kb};
 * knows no error.
 */
package dev.gatewaydoctor.match;
