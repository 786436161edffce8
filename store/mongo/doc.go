// Package mongo is Triada's MongoDB store, for installations that outgrow
// one machine (replica sets, sharding). It implements engine.Store with
// go.mongodb.org/mongo-driver/v2 and passes store/storetest.
//
// # Consistency
//
// Writes use majority write concern and reads majority read concern, so an
// acknowledged write survives the loss of a primary and a read never
// returns what may be rolled back. Every call is bounded by a timeout
// (DefaultTimeout, or WithTimeout). No call uses a multi-document
// transaction: every state change is one conditional write on one
// document, with the expected state in the filter —
//
//   - UpdateComment: replaceOne {_id, version: expected}; no match means
//     engine.ErrNotFound when the id is unknown, else engine.ErrConflict;
//   - PublishConsultation: updateOne {_id, published_at: null} with $set;
//   - NextCommentNumber: findOneAndUpdate with $inc of comment_seq,
//     returning the document after;
//   - AddGroupMember and RemoveGroupMember: $addToSet and $pull on members;
//   - SetInviteResponse: updateOne {_id, response_id: ""} with $set;
//   - SaveDraft: replaceOne with upsert;
//   - CreateResponse: one insert; the unique sparse index on submission
//     rejects a second response with the same submission key.
//
// # Documents
//
// Ids are the engine's string ids, as _id (hashes for tokens and
// sessions); field names are snake_case; times are BSON dates, so finer
// parts than milliseconds are truncated. Collections:
//
//	questionnaires {_id, definition: {id, title, pages: [{questions: [...]}], ...}, created_at, created_by}
//	responses      {_id, questionnaire_id, answers: {<question id>: value}, codes: [string],
//	                submission: {questionnaire_id, key} (only with a submission key), created_at}
//	users          {_id, email, name, role, password_hash, created_at}
//	tokens         {_id: hash, user_id, created_at}
//	sessions       {_id: hash, user_id, csrf, created_at, expires_at}
//	groups         {_id, name, tags: [string], members: [user id], created_at}
//	providers      {_id, name, ico, municipality, address, description, contact: {email, phone, web},
//	                services: [{type, form, target_groups, capacity, waiting_days}], status,
//	                search_text, municipality_key, created_at, updated_at}
//	consultations  {_id, title, sections: [{id, title, text}], opens_at, closes_at,
//	                published_at (absent until published), comment_seq, created_at}
//	comments       {_id, consultation_id, number, reference, section, text,
//	                author: {name, email, municipality, organisation, publish_name}, state, relevance,
//	                groups, outcome, response, history: [{at, user_id, from, to, note}], version, created_at}
//	drafts         {_id: hash, questionnaire_id, values: {<question id>: [string]}, page, submission_key,
//	                invite_hash, language, created_at, updated_at, expires_at}
//	invites        {_id: hash, questionnaire_id, email, name, response_id ("" until answered),
//	                answered_at (absent until answered), created_at}
//
// A questionnaire's definition is a sub-document with the field names of
// its JSON form; a response's answers are a sub-document keyed by question
// id (query answers.<id>): strings, doubles, arrays of strings.
//
// # Indexes
//
// Open creates them, idempotently (each has a fixed name):
// responses (questionnaire_id, codes) for counting and submission
// (unique, sparse); users email (unique); tokens user_id; providers ico
// (unique) and (search_text, _id) for the catalogue's order; comments
// (consultation_id, reference) (unique) and (consultation_id, number);
// invites (questionnaire_id, email, created_at, _id); sessions and drafts
// expires_at, a TTL index that deletes expired documents where the server
// has TTL indexes (a plain index where it has not).
//
// The submission key is unique per questionnaire through a sub-document
// {questionnaire_id, key} that only responses with a key have, under a
// unique sparse single-field index: this needs no partial index, which
// some MongoDB-compatible servers lack, and costs no second write.
//
// # Counting
//
// CountAnswers counts in the database with a $match, $unwind, $group
// pipeline over the codes (see CountAnswers), never loading responses.
//
// # Testing
//
// The tests run the conformance suite when TRIADA_TEST_MONGODB_URI names a
// server, each case on a fresh database that is dropped afterwards. On
// mongo-compat (FerretDB 1.x) they skip the concurrent cases of
// conditional updates: that server reads a document, updates it in Go and
// writes it back, so concurrent updates of one document are not atomic
// there as they are on MongoDB.
//
// # Errors
//
// mongo.ErrNoDocuments becomes engine.ErrNotFound and a duplicate key
// error engine.ErrDuplicate, wrapped with %w and a message that names the
// operation but not the driver's text (it names the database and values).
package mongo
