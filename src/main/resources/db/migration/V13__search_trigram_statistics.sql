-- How many contacts hold each trigram of the search text, sampled by every ANALYZE (autovacuum runs it),
-- at no cost to writes. A search leads with the part of its term whose trigrams are not common
-- (SearchStatistics, ContactQuery): the trigram index checks every trigram of a condition for each
-- row its rarest trigram finds, and a trigram that most contacts hold has a list as long as the table.
create statistics contacts_search_trigrams on (show_trgm(search_text)) from contacts;
