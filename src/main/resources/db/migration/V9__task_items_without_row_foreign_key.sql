-- The foreign key from task_items to tasks was checked once per item: a third of the cost of storing
-- the 1,000 entries of a bulk update before its 202, and about 6 seconds of storing a 1,000,000-row
-- CSV file. Items are written only by TaskRepository.insertItems, in the transaction that creates
-- their task, and that statement now checks once that the task exists and is still pending (it
-- inserts nothing otherwise, and the caller fails). Nothing deletes tasks; whatever comes to delete
-- them (a retention job) must delete their items in the same transaction.
alter table task_items drop constraint task_items_task_fkey;
